using System.Collections;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;

namespace CrmApi.Infrastructure.Persistence.Bulk;

/// <summary>
/// SQLite's bulk path: one prepared INSERT stepped once per row, on the context's connection and so in its transaction.
/// It binds by position through SQLitePCL directly: <see cref="SqliteCommand"/> looks every parameter up by name on every
/// execution, which cost more than the insert itself. Values are bound as EF Core binds them (a Guid as upper-case TEXT,
/// as the API writes and looks it up; a bool as 0 or 1).
/// </summary>
public static class SqliteBulkInsert
{
    public static Task InsertAsync(DbContext db, BulkTable table, IReadOnlyList<object> rows, CancellationToken ct)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var handle = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var sql = $"INSERT INTO \"{table.Name}\" ({table.ColumnList}) VALUES ({string.Join(", ", table.Columns.Select((_, i) => $"?{i + 1}"))})";
        // A larger page cache while many rows go in: the indexes' pages stay in memory between rows. The connection's
        // own size comes back after, which frees the extra pages.
        var cache = rows.Count >= LargeWrite ? Pragma(handle, "cache_size") : null;
        if (cache is not null) Exec(handle, $"PRAGMA cache_size = {LargeWriteCacheKib}");
        try
        {
            Insert(handle, sql, table, rows, ct);
        }
        finally
        {
            if (cache is not null) Exec(handle, $"PRAGMA cache_size = {cache}");
        }
        return Task.CompletedTask;
    }

    private const int LargeWrite = 5_000;
    /// <summary>64 MiB, as a negative cache size counts KiB.</summary>
    private const int LargeWriteCacheKib = -65_536;

    private static void Insert(sqlite3 handle, string sql, BulkTable table, IReadOnlyList<object> rows, CancellationToken ct)
    {
        Check(handle, raw.sqlite3_prepare_v2(handle, sql, out var statement));
        using (statement)
        {
            foreach (var row in rows)
            {
                ct.ThrowIfCancellationRequested();
                for (var c = 0; c < table.Columns.Count; c++) Check(handle, Bind(statement, c + 1, table.Columns[c].ProviderValue(row)));
                var rc = raw.sqlite3_step(statement);
                raw.sqlite3_reset(statement);
                if (rc != raw.SQLITE_DONE) Check(handle, rc);
            }
        }
    }

    private static string Pragma(sqlite3 handle, string name)
    {
        Check(handle, raw.sqlite3_prepare_v2(handle, $"PRAGMA {name}", out var statement));
        using (statement)
        {
            Check(handle, raw.sqlite3_step(statement));
            return raw.sqlite3_column_int64(statement, 0).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private static void Exec(sqlite3 handle, string sql) => Check(handle, raw.sqlite3_exec(handle, sql));

    private static int Bind(sqlite3_stmt statement, int index, object? value) => value switch
    {
        null => raw.sqlite3_bind_null(statement, index),
        string s => raw.sqlite3_bind_text(statement, index, s),
        Guid g => BindGuid(statement, index, g),
        long l => raw.sqlite3_bind_int64(statement, index, l),
        int n => raw.sqlite3_bind_int64(statement, index, n),
        bool b => raw.sqlite3_bind_int64(statement, index, b ? 1 : 0),
        double d => raw.sqlite3_bind_double(statement, index, d),
        byte[] bytes => raw.sqlite3_bind_blob(statement, index, bytes),
        _ => throw new NotSupportedException($"No SQLite binding for {value.GetType()}."),
    };

    /// <summary>A Guid as upper-case text, formatted straight into UTF-8 (most columns of a bulk row are ids).</summary>
    private static int BindGuid(sqlite3_stmt statement, int index, Guid value)
    {
        Span<byte> text = stackalloc byte[36];
        value.TryFormat(text, out _, "D");
        for (var i = 0; i < text.Length; i++)
            if (text[i] is >= (byte)'a' and <= (byte)'f') text[i] -= 'a' - 'A';
        return raw.sqlite3_bind_text(statement, index, text);
    }

    private static void Check(sqlite3 handle, int rc)
    {
        if (rc is raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW) return;
        throw new SqliteException(raw.sqlite3_errmsg(handle).utf8_to_string(), rc, raw.sqlite3_extended_errcode(handle));
    }
}

/// <summary>PostgreSQL's bulk path: binary COPY on the context's connection, inside its transaction.</summary>
public static class PostgresBulkInsert
{
    public static async Task InsertAsync(DbContext db, BulkTable table, IReadOnlyList<object> rows, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var copy = await connection.BeginBinaryImportAsync($"COPY \"{table.Name}\" ({table.ColumnList}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await copy.StartRowAsync(ct);
            foreach (var column in table.Columns) await WriteAsync(copy, column.ProviderValue(row), ct);
        }
        await copy.CompleteAsync(ct);
    }

    // Binary COPY sends no type names: each value must go in the wire format of its column's type.
    private static Task WriteAsync(NpgsqlBinaryImporter copy, object? value, CancellationToken ct) => value switch
    {
        null => copy.WriteNullAsync(ct),
        Guid g => copy.WriteAsync(g, NpgsqlDbType.Uuid, ct),
        string s => copy.WriteAsync(s, NpgsqlDbType.Text, ct),
        DateTimeOffset t => copy.WriteAsync(t, NpgsqlDbType.TimestampTz, ct),
        long l => copy.WriteAsync(l, NpgsqlDbType.Bigint, ct),
        int n => copy.WriteAsync(n, NpgsqlDbType.Integer, ct),
        decimal d => copy.WriteAsync(d, NpgsqlDbType.Numeric, ct),
        bool b => copy.WriteAsync(b, NpgsqlDbType.Boolean, ct),
        IEnumerable<string> list => copy.WriteAsync(list.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, ct),
        IEnumerable other => throw new NotSupportedException($"No COPY format for a list of {other.GetType()}."),
        _ => throw new NotSupportedException($"No COPY format for {value.GetType()}."),
    };
}
