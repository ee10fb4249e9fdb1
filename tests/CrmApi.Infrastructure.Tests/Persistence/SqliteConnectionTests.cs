using CrmApi.Application.Common;
using CrmApi.Infrastructure.Persistence;
using CrmApi.Infrastructure.Persistence.Providers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CrmApi.Infrastructure.Tests.Persistence;

/// <summary>What every SQLite connection the data layer opens is set to.</summary>
public sealed class SqliteConnectionTests
{
    [Fact]
    public async Task Every_open_connection_syncs_normally_in_wal_mode()
    {
        var path = Path.Combine(Path.GetTempPath(), $"crm-sync-{Guid.NewGuid():N}.db");
        using var provider = new SqliteProvider();
        try
        {
            await provider.PrepareAsync($"Data Source={path}", CancellationToken.None);
            for (var i = 0; i < 2; i++) // the second time on a pooled handle
            {
                var options = new DbContextOptionsBuilder<CrmDbContext>();
                provider.Configure(options, $"Data Source={path}");
                await using var db = new CrmDbContext(options.Options).Bind(new WorkspaceContext(), provider);
                await db.Database.OpenConnectionAsync();
                var connection = db.Database.GetDbConnection();
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA synchronous;";
                Convert.ToInt64(await command.ExecuteScalarAsync()).ShouldBe(1L, "1 is NORMAL (2 would be FULL)");
                command.CommandText = "PRAGMA journal_mode;";
                ((string)(await command.ExecuteScalarAsync())!).ShouldBe("wal");
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var f in new[] { path, path + "-wal", path + "-shm" }) File.Delete(f);
        }
    }
}
