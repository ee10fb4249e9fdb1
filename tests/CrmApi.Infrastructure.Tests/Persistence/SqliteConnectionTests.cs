using CrmApi.Application;
using CrmApi.Application.Common;
using CrmApi.Domain.Segments;
using CrmApi.Infrastructure.Persistence;
using CrmApi.Infrastructure.Persistence.Providers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CrmApi.Infrastructure.Tests.Persistence;

/// <summary>
/// What every SQLite connection the data layer opens is set to, and how it keeps its compiled statements: a query runs
/// again on its compiled statement with new values, across the scopes its pooled context serves.
/// </summary>
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

    [Fact]
    public async Task A_query_is_compiled_once_and_runs_again_with_new_values()
    {
        await using var database = await PooledDatabase.CreateAsync();
        var workspace = Guid.NewGuid();
        var (gold, silver) = await database.SegmentsAsync(workspace, "Gold", "Silver");

        await using var scope = database.Scope(workspace);
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var connection = (StatementCachingConnection)db.Database.GetDbConnection();
        (await NameAsync(db, gold)).ShouldBe("Gold");
        var compiled = connection.CachedStatements;
        compiled.ShouldBeGreaterThan(0);

        (await NameAsync(db, silver)).ShouldBe("Silver");
        (await NameAsync(db, Guid.NewGuid())).ShouldBeNull();
        connection.CachedStatements.ShouldBe(compiled, "the same text runs on its compiled statement");
    }

    [Fact]
    public async Task A_pooled_context_keeps_its_open_connection_and_statements_for_its_next_scope()
    {
        await using var database = await PooledDatabase.CreateAsync();
        var (one, two) = (Guid.NewGuid(), Guid.NewGuid());
        var (gold, _) = await database.SegmentsAsync(one, "Gold", "Silver");
        var (bronze, _) = await database.SegmentsAsync(two, "Bronze", "Tin");

        StatementCachingConnection connection;
        int compiled;
        await using (var scope = database.Scope(one))
        {
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            (await NameAsync(db, gold)).ShouldBe("Gold");
            connection = (StatementCachingConnection)db.Database.GetDbConnection();
            compiled = connection.CachedStatements;
        }

        connection.State.ShouldBe(System.Data.ConnectionState.Open);
        await using (var scope = database.Scope(two))
        {
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            db.Database.GetDbConnection().ShouldBeSameAs(connection);
            (await NameAsync(db, gold)).ShouldBeNull("the workspace filter takes the new scope's workspace");
            (await NameAsync(db, bronze)).ShouldBe("Bronze");
            connection.CachedStatements.ShouldBe(compiled);
        }
    }

    [Fact]
    public async Task Two_open_reads_of_one_query_each_get_their_own_rows()
    {
        await using var database = await PooledDatabase.CreateAsync();
        var workspace = Guid.NewGuid();
        var (gold, silver) = await database.SegmentsAsync(workspace, "Gold", "Silver");

        await using var scope = database.Scope(workspace);
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var pairs = new List<(string Outer, string? Inner)>();
        await foreach (var segment in db.Segments.AsNoTracking().Where(s => s.Id == gold || s.Id == silver).OrderBy(s => s.Name).AsAsyncEnumerable())
        {
            // The same text while the outer read is open: it runs on a statement of its own.
            var inner = await db.Segments.AsNoTracking().Where(s => s.Id == gold || s.Id == silver).OrderBy(s => s.Name).Select(s => s.Name).ToListAsync();
            pairs.Add((segment.Name, string.Join(",", inner)));
        }
        pairs.ShouldBe([("Gold", "Gold,Silver"), ("Silver", "Gold,Silver")]);
    }

    [Fact]
    public async Task A_transaction_left_open_is_rolled_back_when_its_context_goes_back_to_the_pool()
    {
        await using var database = await PooledDatabase.CreateAsync();
        var workspace = Guid.NewGuid();
        var id = Guid.NewGuid();
        await using (var scope = database.Scope(workspace))
        {
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            await db.Database.BeginTransactionAsync();
            db.Segments.Add(new Segment(id, workspace, "Lost", "contact", SegmentKind.Static, null, false, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        await using (var scope = database.Scope(workspace))
        {
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            db.Database.CurrentTransaction.ShouldBeNull();
            (await NameAsync(db, id)).ShouldBeNull();
            // The write lock went with the transaction: another write goes through.
            db.Segments.Add(new Segment(Guid.NewGuid(), workspace, "Kept", "contact", SegmentKind.Static, null, false, DateTimeOffset.UtcNow));
            (await db.SaveChangesAsync()).ShouldBe(1);
        }
    }

    private static Task<string?> NameAsync(CrmDbContext db, Guid id)
        => db.Segments.AsNoTracking().Where(s => s.Id == id).Select(s => s.Name).SingleOrDefaultAsync();

    /// <summary>A migrated SQLite file behind the data layer's own services, contexts pooled as in the API.</summary>
    private sealed class PooledDatabase(ServiceProvider services, string path) : IAsyncDisposable
    {
        public static async Task<PooledDatabase> CreateAsync()
        {
            var path = Path.Combine(Path.GetTempPath(), $"crm-statements-{Guid.NewGuid():N}.db");
            var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Crm:Database:Provider"] = "sqlite",
                ["ConnectionStrings:Crm"] = $"Data Source={path}",
            }).Build();
            var services = new ServiceCollection().AddLogging().AddCrmApplication().AddCrmInfrastructure(config).BuildServiceProvider();
            var database = new PooledDatabase(services, path);
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(CancellationToken.None);
            return database;
        }

        public AsyncServiceScope Scope(Guid workspace)
        {
            var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<WorkspaceContext>().Set(workspace, "system", null);
            return scope;
        }

        public async Task<(Guid, Guid)> SegmentsAsync(Guid workspace, string first, string second)
        {
            await using var scope = Scope(workspace);
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
            db.Segments.Add(new Segment(a, workspace, first, "contact", SegmentKind.Static, null, false, DateTimeOffset.UtcNow));
            db.Segments.Add(new Segment(b, workspace, second, "contact", SegmentKind.Static, null, false, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
            return (a, b);
        }

        public async ValueTask DisposeAsync()
        {
            await services.DisposeAsync();
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" }) File.Delete(file);
        }
    }
}
