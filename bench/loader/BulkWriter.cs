using System.Data.Common;
using CrmApi.Infrastructure.Persistence.Bulk;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CrmApi.Bench.Loader;

/// <summary>
/// Writes domain objects straight into their tables with the API's own bulk path (Infrastructure's
/// <see cref="BulkTable"/>, <see cref="SqliteBulkInsert"/> and <see cref="PostgresBulkInsert"/>), one transaction per
/// call, so a row is what <c>SaveChanges</c> would have written, without the change tracker. The secondary indexes of the loaded tables are
/// dropped first and rebuilt by <see cref="FinishAsync"/> (sorting once is much cheaper than a million random inserts),
/// which then refreshes the planner's statistics.
/// </summary>
internal abstract class BulkWriter(DbContext db) : IAsyncDisposable
{
    private readonly List<(string Name, string Create)> _dropped = [];
    private readonly Dictionary<string, (long Rows, TimeSpan Time)> _written = [];

    protected DbContext Db => db;

    protected DbConnection Connection => db.Database.GetDbConnection();

    public static async Task<BulkWriter> OpenAsync(DbContext db, IReadOnlyList<string> tables)
    {
        await db.Database.OpenConnectionAsync();
        BulkWriter writer = db.Database.ProviderName switch
        {
            "Microsoft.EntityFrameworkCore.Sqlite" => new SqliteBulkWriter(db),
            "Npgsql.EntityFrameworkCore.PostgreSQL" => new PostgresBulkWriter(db),
            var other => throw new NotSupportedException($"No bulk path for {other}."),
        };
        await writer.PrepareAsync();
        foreach (var (name, create) in await writer.SecondaryIndexesAsync(tables))
        {
            await writer.ExecuteAsync($"DROP INDEX \"{name}\"");
            writer._dropped.Add((name, create));
        }
        return writer;
    }

    public async Task InsertAsync<T>(IReadOnlyCollection<T> rows) where T : class
    {
        var table = BulkTable.Of(db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T)} is not mapped."));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await WriteAsync(table, [.. rows.Cast<object>()]);
            await transaction.CommitAsync();
        }
        var (n, time) = _written.GetValueOrDefault(table.Name);
        _written[table.Name] = (n + rows.Count, time + clock.Elapsed);
    }

    /// <summary>Rows written and time spent per table so far.</summary>
    public string Summary => string.Join(", ", _written.Select(w => $"{w.Key} {w.Value.Rows:N0} rows {w.Value.Time.TotalSeconds:F1} s"));

    /// <summary>Rebuilds the dropped indexes with the statements the migrations created them with, then gathers statistics.</summary>
    public async Task FinishAsync()
    {
        foreach (var (_, create) in _dropped) await ExecuteAsync(create);
        _dropped.Clear();
        await AnalyzeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_dropped.Count > 0) await Console.Error.WriteLineAsync($"bulk load incomplete: {_dropped.Count} indexes are still dropped");
        await db.Database.CloseConnectionAsync();
    }

    protected virtual Task PrepareAsync() => Task.CompletedTask;
    protected abstract Task<List<(string Name, string Create)>> SecondaryIndexesAsync(IReadOnlyList<string> tables);
    protected abstract Task WriteAsync(BulkTable table, IReadOnlyList<object> rows);
    protected abstract Task AnalyzeAsync();

    protected async Task ExecuteAsync(string sql)
    {
        await using var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }

    protected async Task<List<(string, string)>> QueryPairsAsync(string sql)
    {
        await using var command = Connection.CreateCommand();
        command.CommandText = sql;
        var rows = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetString(1)));
        return rows;
    }

    protected static string InList(IReadOnlyList<string> tables) => string.Join(", ", tables.Select(t => $"'{t.Replace("'", "''", StringComparison.Ordinal)}'"));
}

internal sealed class SqliteBulkWriter(DbContext context) : BulkWriter(context)
{
    // The loader is the only user of the file: no fsync per commit, and room for the indexes being filled.
    protected override Task PrepareAsync() => ExecuteAsync("PRAGMA synchronous = OFF; PRAGMA cache_size = -524288; PRAGMA temp_store = MEMORY;");

    protected override Task<List<(string Name, string Create)>> SecondaryIndexesAsync(IReadOnlyList<string> tables)
        => QueryPairsAsync($"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({InList(tables)})");

    protected override Task WriteAsync(BulkTable table, IReadOnlyList<object> rows) => SqliteBulkInsert.InsertAsync(Db, table, rows, CancellationToken.None);

    protected override Task AnalyzeAsync() => ExecuteAsync("ANALYZE");
}

internal sealed class PostgresBulkWriter(DbContext context) : BulkWriter(context)
{
    protected override Task PrepareAsync() => ExecuteAsync("SET maintenance_work_mem = '256MB'");

    // Indexes that back a constraint (primary keys) stay: foreign keys need them while the rows go in.
    protected override Task<List<(string Name, string Create)>> SecondaryIndexesAsync(IReadOnlyList<string> tables)
        => QueryPairsAsync($"""
            SELECT ic.relname::text, pg_get_indexdef(i.indexrelid)
            FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = current_schema() AND t.relname IN ({InList(tables)})
              AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
            """);

    protected override Task WriteAsync(BulkTable table, IReadOnlyList<object> rows) => PostgresBulkInsert.InsertAsync(Db, table, rows, CancellationToken.None);

    // VACUUM sets the visibility map, so index-only scans work from the first request rather than after autovacuum.
    protected override Task AnalyzeAsync() => ExecuteAsync("VACUUM ANALYZE");
}
