using System.Collections;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace CrmApi.Infrastructure.Persistence.Bulk;

/// <summary>
/// SQLite's bulk path: one prepared INSERT reused for every row, on the context's connection and in its transaction.
/// SQLite binds parameters by name, so a many-row VALUES list is no faster.
/// </summary>
public static class SqliteBulkInsert
{
    public static async Task InsertAsync(DbContext db, BulkTable table, IReadOnlyList<object> rows, CancellationToken ct)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = (SqliteTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = $"INSERT INTO \"{table.Name}\" ({table.ColumnList}) " +
            $"VALUES ({string.Join(", ", table.Columns.Select((_, i) => $"@p{i}"))})";
        // Parameters typed as EF Core types them (a Guid binds as upper-case TEXT, as the API writes and looks it up).
        var parameters = table.Columns.Select((c, i) => (DbParameter)c.Mapping.CreateParameter(command, $"@p{i}", null, nullable: true)).ToArray();
        command.Parameters.AddRange(parameters);
        command.Prepare();
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            for (var c = 0; c < parameters.Length; c++) parameters[c].Value = table.Columns[c].ProviderValue(row) ?? DBNull.Value;
            command.ExecuteNonQuery();
        }
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
