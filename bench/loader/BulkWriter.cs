using System.Collections;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace CrmApi.Bench.Loader;

/// <summary>
/// Writes domain objects straight into their tables with the database's own bulk path, on the context's connection:
/// SQLite, one prepared INSERT reused in one transaction per call; PostgreSQL, binary COPY. Tables, columns and value
/// conversions (ticks, fixed-point money, JSON lists, enums as text) come from the context's EF Core model, so a row is
/// what <c>SaveChanges</c> would have written, without the change tracker. The secondary indexes of the loaded tables are
/// dropped first and rebuilt by <see cref="FinishAsync"/> (sorting once is much cheaper than a million random inserts),
/// which then refreshes the planner's statistics.
/// </summary>
internal abstract class BulkWriter(DbContext db) : IAsyncDisposable
{
    private readonly List<(string Name, string Create)> _dropped = [];
    private readonly Dictionary<Type, Table> _tables = [];
    private readonly Dictionary<string, (long Rows, TimeSpan Time)> _written = [];

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
        if (!_tables.TryGetValue(typeof(T), out var table))
            _tables[typeof(T)] = table = Table.Of(db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T)} is not mapped."));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await WriteAsync(table, rows);
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
    protected abstract Task WriteAsync<T>(Table table, IEnumerable<T> rows) where T : class;
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

    /// <summary>A mapped table: every column of the entity type and of its complex properties (address, custom slots).</summary>
    protected sealed record Table(string Name, IReadOnlyList<Column> Columns)
    {
        public string ColumnList => string.Join(", ", Columns.Select(c => $"\"{c.Name}\""));

        public static Table Of(IEntityType type)
        {
            var name = type.GetTableName() ?? throw new InvalidOperationException($"{type.DisplayName()} has no table.");
            var store = StoreObjectIdentifier.Table(name, type.GetSchema());
            var columns = new List<Column>();
            void Add(IEnumerable<IProperty> properties)
            {
                foreach (var p in properties)
                {
                    if (p.IsShadowProperty()) throw new NotSupportedException($"{type.DisplayName()}.{p.Name} is a shadow property.");
                    var getter = p.GetGetter();
                    columns.Add(new Column(p.GetColumnName(store) ?? throw new InvalidOperationException($"{p.Name} has no column in {name}."), (RelationalTypeMapping)p.GetTypeMapping(), getter.GetClrValueUsingContainingEntity));
                }
            }
            void AddComplex(IEnumerable<IComplexProperty> complex)
            {
                foreach (var c in complex)
                {
                    Add(c.ComplexType.GetProperties());
                    AddComplex(c.ComplexType.GetComplexProperties());
                }
            }
            Add(type.GetProperties());
            AddComplex(type.GetComplexProperties());
            return new Table(name, columns);
        }
    }

    /// <summary>One column: how to read its value off the entity and convert it the way EF Core does before it binds.</summary>
    protected sealed record Column(string Name, RelationalTypeMapping Mapping, Func<object, object?> Get)
    {
        private object? _empty;

        public object? ProviderValue(object entity)
        {
            var value = Get(entity);
            if (value is null || Mapping.Converter is not { } converter) return value;
            // Most lists are empty, and converting one to JSON costs more than everything else in a row.
            if (value is ICollection { Count: 0 }) return _empty ??= converter.ConvertToProvider(value);
            return converter.ConvertToProvider(value);
        }
    }
}

internal sealed class SqliteBulkWriter(DbContext db) : BulkWriter(db)
{
    // The loader is the only user of the file: no fsync per commit, and room for the indexes being filled.
    protected override Task PrepareAsync() => ExecuteAsync("PRAGMA synchronous = OFF; PRAGMA cache_size = -524288; PRAGMA temp_store = MEMORY;");

    protected override Task<List<(string Name, string Create)>> SecondaryIndexesAsync(IReadOnlyList<string> tables)
        => QueryPairsAsync($"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({InList(tables)})");

    protected override Task WriteAsync<T>(Table table, IEnumerable<T> rows)
    {
        var values = rows.Select(row => table.Columns.Select(c => c.ProviderValue(row)).ToArray()).ToList();
        // Columns no row sets are left out (no column has a default other than NULL): most custom slots, address parts.
        var used = Enumerable.Range(0, table.Columns.Count).Where(i => values.Exists(v => v[i] is not null)).ToArray();
        var connection = (SqliteConnection)Connection;
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", used.Select(i => $"\"{table.Columns[i].Name}\""))}) " +
            $"VALUES ({string.Join(", ", used.Select(i => $"@p{i}"))})";
        // Parameters typed as EF Core types them (a Guid binds as upper-case TEXT, as the API writes and looks it up).
        var parameters = used.Select(i => (DbParameter)table.Columns[i].Mapping.CreateParameter(command, $"@p{i}", null, nullable: true)).ToArray();
        command.Parameters.AddRange(parameters);
        command.Prepare();
        // One row per statement: SQLite binds parameters by name, so a many-row VALUES list is no faster.
        foreach (var row in values)
        {
            for (var c = 0; c < used.Length; c++) parameters[c].Value = row[used[c]] ?? DBNull.Value;
            command.ExecuteNonQuery();
        }
        transaction.Commit();
        return Task.CompletedTask;
    }

    protected override Task AnalyzeAsync() => ExecuteAsync("ANALYZE");
}

internal sealed class PostgresBulkWriter(DbContext db) : BulkWriter(db)
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

    protected override async Task WriteAsync<T>(Table table, IEnumerable<T> rows)
    {
        var connection = (NpgsqlConnection)Connection;
        await using var copy = await connection.BeginBinaryImportAsync($"COPY \"{table.Name}\" ({table.ColumnList}) FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            copy.StartRow();
            foreach (var column in table.Columns) Write(copy, column.ProviderValue(row));
        }
        await copy.CompleteAsync();
    }

    // Binary COPY sends no type names: each value must go in the wire format of its column's type.
    private static void Write(NpgsqlBinaryImporter copy, object? value)
    {
        switch (value)
        {
            case null: copy.WriteNull(); break;
            case Guid g: copy.Write(g, NpgsqlDbType.Uuid); break;
            case string s: copy.Write(s, NpgsqlDbType.Text); break;
            case DateTimeOffset t: copy.Write(t, NpgsqlDbType.TimestampTz); break;
            case long l: copy.Write(l, NpgsqlDbType.Bigint); break;
            case int n: copy.Write(n, NpgsqlDbType.Integer); break;
            case decimal d: copy.Write(d, NpgsqlDbType.Numeric); break;
            case bool b: copy.Write(b, NpgsqlDbType.Boolean); break;
            case IEnumerable<string> list: copy.Write(list.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text); break;
            case IEnumerable other: throw new NotSupportedException($"No COPY format for a list of {other.GetType()}.");
            default: throw new NotSupportedException($"No COPY format for {value.GetType()}.");
        }
    }

    // VACUUM sets the visibility map, so index-only scans work from the first request rather than after autovacuum.
    protected override Task AnalyzeAsync() => ExecuteAsync("VACUUM ANALYZE");
}
