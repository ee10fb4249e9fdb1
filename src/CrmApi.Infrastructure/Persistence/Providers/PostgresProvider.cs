using CrmApi.Infrastructure.Persistence.Bulk;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CrmApi.Infrastructure.Persistence.Providers;

/// <summary>The server database: several API instances can share it.</summary>
public sealed class PostgresProvider : IDatabaseProvider
{
    public const string MigrationsAssembly = "CrmApi.Infrastructure.Migrations.Postgres";

    public string Name => "postgres";
    public IWriteGate WriteGate { get; } = new OpenWriteGate();

    public void Configure(DbContextOptionsBuilder options, string connectionString)
        => options.UseNpgsql(connectionString, o => o
            .MigrationsAssembly(MigrationsAssembly)
            // One statement per read: a record's external ids and links are few, and split queries would run a list's
            // filter and sort again for each included collection.
            .UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery));

    public void ConfigureConventions(ModelConfigurationBuilder conventions)
        => conventions.Properties<decimal>().HavePrecision(18, 4);

    public bool IsUniqueViolation(Exception? exception, out string? constraint)
    {
        constraint = (exception as PostgresException)?.ConstraintName;
        return exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
    }

    public Task BulkInsertAsync(DbContext db, BulkTable table, IReadOnlyList<object> rows, CancellationToken ct)
        => PostgresBulkInsert.InsertAsync(db, table, rows, ct);

    public Task PrepareAsync(string connectionString, CancellationToken ct) => Task.CompletedTask;
}
