using CrmApi.Application.Common;
using CrmApi.Infrastructure.Persistence;
using CrmApi.Infrastructure.Persistence.Providers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CrmApi.Infrastructure.Tests.Persistence;

/// <summary>
/// Per provider: the migrations cover the model (no change waits for a `dotnet ef migrations add`), and every migration
/// applies to an empty database.
/// </summary>
public sealed class MigrationTests
{
    [Fact]
    public void Sqlite_migrations_cover_the_model()
    {
        using var db = Context(new SqliteProvider(), "Data Source=unused.db");
        db.Database.HasPendingModelChanges().ShouldBeFalse("The model changed: run dotnet ef migrations add for SQLite (see README).");
    }

    [Fact]
    public void Postgres_migrations_cover_the_model()
    {
        using var db = Context(new PostgresProvider(), "Host=localhost;Database=unused");
        db.Database.HasPendingModelChanges().ShouldBeFalse("The model changed: run dotnet ef migrations add for PostgreSQL (see README).");
    }

    [Fact]
    public async Task Every_migration_applies_to_an_empty_sqlite_database()
    {
        var path = Path.Combine(Path.GetTempPath(), $"crm-migrate-{Guid.NewGuid():N}.db");
        try
        {
            await using (var db = Context(new SqliteProvider(), $"Data Source={path}"))
            {
                await db.Database.MigrateAsync();
                (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
                (await db.Database.GetAppliedMigrationsAsync()).ShouldBe(db.Database.GetMigrations());
                (await db.Contacts.IgnoreQueryFilters().CountAsync()).ShouldBe(0);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Every_migration_applies_to_an_empty_postgres_database()
    {
        var server = Environment.GetEnvironmentVariable("CRM_TEST_POSTGRES") is { Length: > 0 } env
            ? env
            : throw new InvalidOperationException("CRM_TEST_POSTGRES is not set: run scripts/test.sh, which starts a throwaway PostgreSQL.");
        var name = $"crm_migrate_{Guid.NewGuid():N}";
        await Execute(server, $"CREATE DATABASE \"{name}\"");
        try
        {
            var cs = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
            await using var db = Context(new PostgresProvider(), cs);
            await db.Database.MigrateAsync();
            (await db.Database.GetAppliedMigrationsAsync()).ShouldBe(db.Database.GetMigrations());
            (await db.Contacts.IgnoreQueryFilters().CountAsync()).ShouldBe(0);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await Execute(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }

    private static CrmDbContext Context(IDatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<CrmDbContext>();
        provider.Configure(options, connectionString);
        return new CrmDbContext(options.Options).Bind(new WorkspaceContext(), provider);
    }

    private static async Task Execute(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
