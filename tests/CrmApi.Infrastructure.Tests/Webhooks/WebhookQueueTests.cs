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
/// The bulk writes, per provider: a dispatched batch's messages read back through EF Core as they were built, the
/// checkpoint moves only from the version read, and a batch that lost the race (checkpoint moved, or a message already
/// queued) writes nothing; a delivered batch's outcomes (message states, attempts) read back as recorded.
/// </summary>
public sealed class WebhookQueueTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, 123, TimeSpan.Zero);

    [Fact]
    public async Task Sqlite_queue_writes_the_batch_once_nothing_for_a_lost_race_and_the_outcomes()
    {
        var path = Path.Combine(Path.GetTempPath(), $"crm-queue-{Guid.NewGuid():N}.db");
        var provider = new SqliteProvider();
        try
        {
            await QueuesAsync(provider, $"Data Source={path}", db => new SqliteWebhookQueue(db, provider));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
            provider.Dispose();
        }
    }

    [Fact]
    public async Task Postgres_queue_writes_the_batch_once_nothing_for_a_lost_race_and_the_outcomes()
    {
        var server = Environment.GetEnvironmentVariable("CRM_TEST_POSTGRES") is { Length: > 0 } env
            ? env
            : throw new InvalidOperationException("CRM_TEST_POSTGRES is not set: run scripts/test.sh, which starts a throwaway PostgreSQL.");
        var name = $"crm_queue_{Guid.NewGuid():N}";
        await Execute(server, $"CREATE DATABASE \"{name}\"");
        try
        {
            var provider = new PostgresProvider();
            var cs = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
            await QueuesAsync(provider, cs, db => new PostgresWebhookQueue(db, provider));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await Execute(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }

    private static async Task QueuesAsync(IDatabaseProvider provider, string connectionString, Func<CrmDbContext, IWebhookQueue> queue)
    {
        var workspace = Guid.CreateVersion7(T0);
        var endpoint = Guid.CreateVersion7(T0.AddTicks(1));
        await using (var db = Context(provider, connectionString))
        {
            await db.Database.MigrateAsync();
            db.WebhookEndpoints.Add(new WebhookEndpoint(endpoint, workspace, "https://example.com/hook", ["*"], null, null, true, "secret", 0, T0));
            await db.SaveChangesAsync();
        }
        WebhookMessage Message(long sequence) => new(Guid.CreateVersion7(T0), workspace, endpoint, Guid.CreateVersion7(T0), "contact.created", sequence,
            $$"""{"type":"contact.created","n":{{sequence}},"text":"é ✓"}""", T0.AddSeconds(sequence));

        var first = new[] { Message(1), Message(2), Message(3) };
        var checkpoint = new WebhookCheckpoint(workspace, 0);
        checkpoint.Advance(3);
        await using (var db = Context(provider, connectionString))
            (await queue(db).EnqueueAsync(checkpoint, null, first, CancellationToken.None)).ShouldBeTrue();

        // A second dispatcher that read no checkpoint either, and one that read the version before this batch, both lose.
        var late = new WebhookCheckpoint(workspace, 0);
        late.Advance(3);
        await using (var db = Context(provider, connectionString))
            (await queue(db).EnqueueAsync(late, null, [Message(1)], CancellationToken.None)).ShouldBeFalse();
        var stale = new WebhookCheckpoint(workspace, 0);
        stale.Advance(4);
        await using (var db = Context(provider, connectionString))
            (await queue(db).EnqueueAsync(stale, 0, [Message(4)], CancellationToken.None)).ShouldBeFalse();

        // The next batch from the current version, but with a message already queued: nothing of it is kept.
        WebhookCheckpoint current;
        await using (var db = Context(provider, connectionString))
            current = await db.WebhookCheckpoints.IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.WorkspaceId == workspace);
        current.LastSequence.ShouldBe(3);
        current.Version.ShouldBe(1);
        var duplicate = new WebhookMessage(Guid.CreateVersion7(T0), workspace, endpoint, first[0].EventId, "contact.created", 5, "{}", T0);
        var version = current.Version;
        current.Advance(5);
        await using (var db = Context(provider, connectionString))
            (await queue(db).EnqueueAsync(current, version, [Message(5), duplicate], CancellationToken.None)).ShouldBeFalse();

        await using (var db = Context(provider, connectionString))
        {
            var saved = await db.WebhookCheckpoints.IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.WorkspaceId == workspace);
            saved.LastSequence.ShouldBe(3);
            var rows = await db.WebhookMessages.IgnoreQueryFilters().AsNoTracking().OrderBy(m => m.Sequence).ToListAsync();
            rows.Count.ShouldBe(3);
            foreach (var (row, built) in rows.Zip(first))
            {
                row.Id.ShouldBe(built.Id);
                row.WorkspaceId.ShouldBe(workspace);
                row.EndpointId.ShouldBe(endpoint);
                row.EventId.ShouldBe(built.EventId);
                row.EventType.ShouldBe("contact.created");
                row.Sequence.ShouldBe(built.Sequence);
                row.Payload.ShouldBe(built.Payload);
                row.State.ShouldBe(WebhookMessageState.Pending);
                row.Attempts.ShouldBe(0);
                row.NextAttemptAt.ShouldBe(built.NextAttemptAt);
                row.CreatedAt.ShouldBe(built.CreatedAt);
                row.LeaseOwner.ShouldBeNull();
                row.LeaseUntil.ShouldBeNull();
                row.CompletedAt.ShouldBeNull();
            }
            // Found through the state index, as the claim looks for them.
            (await db.WebhookMessages.IgnoreQueryFilters().CountAsync(m => m.State == WebhookMessageState.Pending && m.NextAttemptAt <= T0.AddSeconds(2))).ShouldBe(2);
        }

        // Outcomes of a delivered batch: one message succeeded, one failed and waits for its retry, one was abandoned.
        var at = T0.AddMinutes(1);
        List<WebhookMessage> tried;
        WebhookAttempt[] attempts;
        await using (var db = Context(provider, connectionString))
        {
            tried = await db.WebhookMessages.IgnoreQueryFilters().AsNoTracking().OrderBy(m => m.Sequence).ToListAsync();
            tried[0].Succeeded(204, at);
            tried[1].Failed(500, at.AddMilliseconds(5), null, 0).ShouldBeFalse();
            tried[2].Abandon(at);
            attempts =
            [
                new(Guid.CreateVersion7(at), workspace, endpoint, tried[0].Id, at, 204, TimeSpan.FromMilliseconds(12), "", null),
                new(Guid.CreateVersion7(at), workspace, endpoint, tried[1].Id, at.AddMilliseconds(5), 500, TimeSpan.FromMilliseconds(7), "oops ✓", "bad"),
            ];
            await queue(db).RecordAsync(tried, attempts, CancellationToken.None);
        }
        await using (var db = Context(provider, connectionString))
        {
            var rows = await db.WebhookMessages.IgnoreQueryFilters().AsNoTracking().OrderBy(m => m.Sequence).ToListAsync();
            foreach (var (row, expected) in rows.Zip(tried))
            {
                row.State.ShouldBe(expected.State);
                row.Attempts.ShouldBe(expected.Attempts);
                row.NextAttemptAt.ShouldBe(expected.NextAttemptAt);
                row.LastAttemptAt.ShouldBe(expected.LastAttemptAt);
                row.LastStatusCode.ShouldBe(expected.LastStatusCode);
                row.CompletedAt.ShouldBe(expected.CompletedAt);
                row.LeaseOwner.ShouldBeNull();
                row.Payload.ShouldBe(expected.Payload);
            }
            rows.Select(r => r.State).ShouldBe([WebhookMessageState.Succeeded, WebhookMessageState.Pending, WebhookMessageState.Failed]);
            rows[1].NextAttemptAt.ShouldNotBeNull();
            var saved = await db.WebhookAttempts.IgnoreQueryFilters().AsNoTracking().OrderBy(a => a.At).ToListAsync();
            saved.Select(a => (a.Id, a.MessageId, a.At, a.StatusCode, a.DurationMs, a.ResponseBody, a.Error))
                .ShouldBe(attempts.Select(a => (a.Id, a.MessageId, a.At, a.StatusCode, a.DurationMs, a.ResponseBody, a.Error)));
            saved.ShouldAllBe(a => a.WorkspaceId == workspace && a.EndpointId == endpoint);
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
