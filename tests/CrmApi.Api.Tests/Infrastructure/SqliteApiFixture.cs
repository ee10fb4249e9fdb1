namespace CrmApi.Api.Tests.Infrastructure;

/// <summary>The API on a real SQLite file in a temporary folder.</summary>
public sealed class SqliteApiFixture : ApiFixture
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "crmapi-tests", Guid.NewGuid().ToString("N"));

    protected override Task<(string, string)> CreateDatabaseAsync()
    {
        Directory.CreateDirectory(_directory);
        return Task.FromResult(("sqlite", $"Data Source={Path.Combine(_directory, "crm.db")}"));
    }

    protected override Task DropDatabaseAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}
