using Npgsql;

namespace CrmApi.Api.Tests.Infrastructure;

/// <summary>
/// The API on a real PostgreSQL: a fresh database on the server named by <c>CRM_TEST_POSTGRES</c> (scripts/test.sh starts
/// a throwaway cluster and sets it), dropped afterwards.
/// </summary>
public sealed class PostgresApiFixture : ApiFixture
{
    private string? _database;

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("CRM_TEST_POSTGRES") is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                "CRM_TEST_POSTGRES is not set. Run scripts/test.sh (it starts a throwaway PostgreSQL), or point CRM_TEST_POSTGRES at a server.");

    protected override async Task<(string, string)> CreateDatabaseAsync()
    {
        _database = $"crm_test_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", connection);
        await command.ExecuteNonQueryAsync();
        var builder = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = _database };
        return ("postgres", builder.ConnectionString);
    }

    protected override async Task DropDatabaseAsync()
    {
        if (_database is null) return;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
