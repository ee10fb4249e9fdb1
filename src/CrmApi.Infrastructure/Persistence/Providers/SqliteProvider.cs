using CrmApi.Infrastructure.Persistence.Bulk;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CrmApi.Infrastructure.Persistence.Providers;

/// <summary>
/// The embedded default. SQLite cannot compare or sort <see cref="DateTimeOffset"/> or <see cref="decimal"/> in SQL, so
/// times are stored as UTC ticks and money as a fixed-point integer (4 decimal places, which validation enforces).
/// </summary>
public sealed class SqliteProvider : IDatabaseProvider, IDisposable
{
    public const string MigrationsAssembly = "CrmApi.Infrastructure.Migrations.Sqlite";
    private const decimal MoneyScale = 10_000m;
    private readonly SingleWriterGate _gate = new();

    public string Name => "sqlite";
    public IWriteGate WriteGate => _gate;

    public void Configure(DbContextOptionsBuilder options, string connectionString)
        => options.UseSqlite(connectionString, o => o
            .MigrationsAssembly(MigrationsAssembly)
            // One statement per read: a record's external ids and links are few, and split queries would run a list's
            // filter and sort again for each included collection.
            .UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery))
            .AddInterceptors(PlainConnections.Instance, StatementReuse.Instance);

    public void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        conventions.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        conventions.Properties<decimal>().HaveConversion<FixedPointConverter>();
    }

    /// <summary>Lists of strings are JSON arrays in a text column, read and written by <see cref="StringListJson"/>.</summary>
    public void ConfigureModel(ModelBuilder model)
    {
        foreach (var property in model.Model.GetEntityTypes().SelectMany(t => t.GetDeclaredProperties()).Where(p => p.ClrType == typeof(List<string>)))
            property.SetJsonValueReaderWriterType(typeof(StringListJson));
    }

    public bool IsUniqueViolation(Exception? exception, out string? constraint)
    {
        constraint = null;
        // SQLITE_CONSTRAINT_UNIQUE (2067) and SQLITE_CONSTRAINT_PRIMARYKEY (1555).
        return exception is SqliteException { SqliteExtendedErrorCode: 2067 or 1555 };
    }

    public Task BulkInsertAsync(DbContext db, BulkTable table, IReadOnlyList<object> rows, CancellationToken ct)
        => SqliteBulkInsert.InsertAsync(db, table, rows, ct);

    public async Task PrepareAsync(string connectionString, CancellationToken ct)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        // WAL lets readers run beside the single writer; it is a property of the file and persists.
        command.CommandText = "PRAGMA journal_mode=WAL;";
        await command.ExecuteNonQueryAsync(ct);
        // Refreshes the planner's statistics where they are stale: without them SQLite may walk the createdAt index
        // for a list filtered on an indexed column (190 ms instead of 6 ms over 100,000 contacts, bench/results).
        command.CommandText = "PRAGMA optimize;";
        await command.ExecuteNonQueryAsync(ct);
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>
    /// Hands EF Core a plain connection, open, that keeps its compiled statements (<see cref="StatementCachingConnection"/>).
    /// EF Core's own registers SQL functions for decimal arithmetic and <c>regexp</c>, which SQLite re-registers at every
    /// open: a native hook each, left to the finalizer, thousands a second, a fifth of the CPU of a simple read. Neither is
    /// used here: money is a fixed-point integer (above) and no query uses a regex.
    /// The open sets <c>synchronous=NORMAL</c>, the setting made for WAL: a commit is written to the log without waiting
    /// for the disk, and the log is synced at checkpoints. A committed change survives the process being killed; a power
    /// cut or an operating system crash may lose the last commits before a checkpoint, never the file.
    /// </summary>
    private sealed class PlainConnections : DbConnectionInterceptor
    {
        public static readonly PlainConnections Instance = new();

        public override InterceptionResult<System.Data.Common.DbConnection> ConnectionCreating(
            ConnectionCreatingEventData eventData, InterceptionResult<System.Data.Common.DbConnection> result)
        {
            var connection = new StatementCachingConnection(eventData.ConnectionString!);
            connection.Open();
            try
            {
                using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA synchronous=NORMAL;";
                command.ExecuteNonQuery();
            }
            catch
            {
                connection.Dispose();
                throw;
            }
            return InterceptionResult<System.Data.Common.DbConnection>.SuppressWithResult(connection);
        }
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));

    private sealed class FixedPointConverter() : ValueConverter<decimal, long>(
        v => (long)(v * MoneyScale),
        v => v / MoneyScale);
}
