using System.Runtime.CompilerServices;
using CrmApi.Application.Common;
using CrmApi.Application.Webhooks;
using CrmApi.Domain.Webhooks;
using CrmApi.Infrastructure.Persistence;
using CrmApi.Infrastructure.Persistence.Providers;
using CrmApi.Infrastructure.Webhooks;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CrmApi.Infrastructure.Tests.Webhooks;

/// <summary>
/// The claim of each provider on a migrated database: it leases due, pending, unleased messages, earliest first, of
/// endpoints not skipped, and a second worker claiming next gets the others. On SQLite the statement finds the rows it
/// updates by primary key instead of reading the pending backlog through the state index.
/// </summary>
public sealed class WebhookLeasesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Workspace = Guid.CreateVersion7(T0);

    [Fact]
    public async Task Sqlite_claim_leases_due_messages_once_earliest_first_skipping_busy_endpoints()
    {
        var path = Path.Combine(Path.GetTempPath(), $"crm-leases-{Guid.NewGuid():N}.db");
        var provider = new SqliteProvider();
        try
        {
            await ClaimsAsync(provider, $"Data Source={path}", db => new SqliteWebhookLeases(db, provider));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
            provider.Dispose();
        }
    }

    [Fact]
    public async Task Postgres_claim_leases_due_messages_once_earliest_first_skipping_busy_endpoints()
    {
        var server = Environment.GetEnvironmentVariable("CRM_TEST_POSTGRES") is { Length: > 0 } env
            ? env
            : throw new InvalidOperationException("CRM_TEST_POSTGRES is not set: run scripts/test.sh, which starts a throwaway PostgreSQL.");
        var name = $"crm_leases_{Guid.NewGuid():N}";
        await Execute(server, $"CREATE DATABASE \"{name}\"");
        try
        {
            var cs = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
            await ClaimsAsync(new PostgresProvider(), cs, db => new PostgresWebhookLeases(db));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await Execute(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }

    [Fact]
    public async Task Sqlite_claim_finds_the_rows_it_updates_by_primary_key()
    {
        var path = Path.Combine(Path.GetTempPath(), $"crm-leases-{Guid.NewGuid():N}.db");
        var provider = new SqliteProvider();
        try
        {
            await using var db = Context(provider, $"Data Source={path}");
            await db.Database.MigrateAsync();
            var claim = SqliteWebhookLeases.ClaimSql("owner", 16, T0, T0.AddMinutes(5), [Guid.NewGuid()]);
            var explain = FormattableStringFactory.Create("EXPLAIN QUERY PLAN " + claim.Format, claim.GetArguments());
            var plan = await db.Database.SqlQuery<PlanRow>(explain).ToListAsync();
            var details = plan.Select(p => p.Detail).ToList();

            // The update itself: a search of the primary key's index; the due rows: a search of the state index.
            details[0].ShouldStartWith("SEARCH webhook_messages USING");
            details[0].ShouldContain("sqlite_autoindex_webhook_messages_1 (Id=?)");
            details.ShouldContain(d => d.Contains("IX_webhook_messages_State_NextAttemptAt (State=? AND NextAttemptAt<?)"));
            details.ShouldNotContain(d => d.StartsWith("SCAN webhook_messages", StringComparison.Ordinal));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
            provider.Dispose();
        }
    }

    private static async Task ClaimsAsync(IDatabaseProvider provider, string connectionString, Func<CrmDbContext, IWebhookLeases> leases)
    {
        var (busy, open) = (Guid.CreateVersion7(T0), Guid.CreateVersion7(T0.AddTicks(1)));
        List<Guid> due;
        await using (var db = Context(provider, connectionString))
        {
            await db.Database.MigrateAsync();
            foreach (var endpoint in new[] { busy, open })
                db.WebhookEndpoints.Add(new WebhookEndpoint(endpoint, Workspace, "https://example.com/hook", ["*"], null, null, true, "secret", 0, T0));
            // Due one second apart, queued newest first so the earliest is not also the first written.
            var messages = Enumerable.Range(0, 6)
                .Select(i => new WebhookMessage(Guid.CreateVersion7(T0), Workspace, open, Guid.NewGuid(), "contact.created", i, "{}", T0.AddSeconds(5 - i)))
                .ToList();
            messages.Add(new WebhookMessage(Guid.CreateVersion7(T0), Workspace, busy, Guid.NewGuid(), "contact.created", 9, "{}", T0.AddSeconds(-10)));
            messages.Add(new WebhookMessage(Guid.CreateVersion7(T0), Workspace, open, Guid.NewGuid(), "contact.created", 10, "{}", T0.AddMinutes(1)));
            db.WebhookMessages.AddRange(messages);
            await db.SaveChangesAsync();
            due = [.. messages.Take(6).OrderBy(m => m.NextAttemptAt).Select(m => m.Id)];
        }

        var now = T0.AddSeconds(10);
        var until = now.AddMinutes(5);
        IReadOnlyList<ClaimedMessage> first, second, third;
        await using (var db = Context(provider, connectionString))
            first = await leases(db).ClaimAsync("a", 4, now, until, [busy], CancellationToken.None);
        await using (var db = Context(provider, connectionString))
            second = await leases(db).ClaimAsync("b", 4, now, until, [busy], CancellationToken.None);
        await using (var db = Context(provider, connectionString))
            third = await leases(db).ClaimAsync("c", 4, now, until, [busy], CancellationToken.None);

        first.Select(m => m.Id).ShouldBe(due.Take(4), ignoreOrder: true);
        first.ShouldAllBe(m => m.EndpointId == open && m.WorkspaceId == Workspace);
        second.Select(m => m.Id).ShouldBe(due.Skip(4), ignoreOrder: true);
        third.ShouldBeEmpty();

        await using (var db = Context(provider, connectionString))
        {
            var rows = await db.WebhookMessages.IgnoreQueryFilters().AsNoTracking().ToListAsync();
            rows.Where(m => first.Any(c => c.Id == m.Id)).ShouldAllBe(m => m.LeaseOwner == "a" && m.LeaseUntil == until);
            rows.Where(m => second.Any(c => c.Id == m.Id)).ShouldAllBe(m => m.LeaseOwner == "b" && m.LeaseUntil == until);
            rows.Count(m => m.LeaseOwner == null).ShouldBe(2);
        }

        // An expired lease is free again; a busy endpoint's messages come once it is no longer skipped.
        await using (var db = Context(provider, connectionString))
        {
            var later = await leases(db).ClaimAsync("d", 10, until.AddSeconds(1), until.AddMinutes(5), [], CancellationToken.None);
            later.Count.ShouldBe(8);
            later.ShouldContain(m => m.EndpointId == busy);
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

    /// <summary>A row of SQLite's <c>EXPLAIN QUERY PLAN</c>.</summary>
    private sealed record PlanRow(int Id, int Parent, int NotUsed, string Detail);
}
