using System.Data.Common;
using CrmApi.Application.Webhooks;
using CrmApi.Domain.Webhooks;
using CrmApi.Infrastructure.Persistence;
using CrmApi.Infrastructure.Persistence.Bulk;
using CrmApi.Infrastructure.Persistence.Providers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using IDatabaseProvider = CrmApi.Infrastructure.Persistence.Providers.IDatabaseProvider;

namespace CrmApi.Infrastructure.Webhooks;

/// <summary>
/// The checkpoint as a compare-and-set (an update at the version read, or an insert that a concurrent one beats), then
/// the messages in bulk, in one transaction behind the write gate; each provider writes the rows its cheapest way.
/// </summary>
public abstract class WebhookQueue(CrmDbContext db, IDatabaseProvider provider) : IWebhookQueue
{
    protected CrmDbContext Db => db;

    protected IWriteGate WriteGate => provider.WriteGate;

    public async Task<bool> EnqueueAsync(
        WebhookCheckpoint checkpoint, long? previousVersion, IReadOnlyList<WebhookMessage> messages, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Any(m => m.WorkspaceId != checkpoint.WorkspaceId))
            throw new InvalidOperationException("A webhook message of another workspace was about to be queued.");
        using (await provider.WriteGate.EnterAsync(ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var moved = previousVersion is { } version
                ? await db.WebhookCheckpoints.IgnoreQueryFilters()
                    .Where(c => c.WorkspaceId == checkpoint.WorkspaceId && c.Version == version)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastSequence, checkpoint.LastSequence).SetProperty(c => c.Version, checkpoint.Version), ct)
                : await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO "webhook_checkpoints" ("WorkspaceId", "LastSequence", "Version")
                    VALUES ({checkpoint.WorkspaceId}, {checkpoint.LastSequence}, {checkpoint.Version})
                    ON CONFLICT DO NOTHING
                    """, ct);
            if (moved == 0) return false;
            try
            {
                if (messages.Count > 0) await BulkInsertAsync(messages, ct);
            }
            catch (DbException e) when (provider.IsUniqueViolation(e, out _))
            {
                return false;
            }
            await tx.CommitAsync(ct);
            return true;
        }
    }

    public abstract Task RecordAsync(IReadOnlyList<WebhookMessage> messages, IReadOnlyList<WebhookAttempt> attempts, CancellationToken ct);

    /// <summary>New rows by the provider's bulk path (prepared insert, binary COPY), in the context's transaction.</summary>
    protected Task BulkInsertAsync<T>(IReadOnlyList<T> rows, CancellationToken ct) where T : class
        => provider.BulkInsertAsync(db, BulkTable.Of(db.Model.FindEntityType(typeof(T))!), [.. rows.Cast<object>()], ct);
}

/// <summary>
/// SQLite: outcomes as one prepared update run once per message (a statement per row costs little in process; preparing
/// one per row, as a batch of tracked updates does, costs more). Values are bound as the SQLite mapping stores them: ids
/// as upper-case text, times as UTC ticks, the state as its name.
/// </summary>
public sealed class SqliteWebhookQueue(CrmDbContext db, IDatabaseProvider provider) : WebhookQueue(db, provider)
{
    /// <summary>
    /// One prepared update of the columns an attempt changes, run once per row, and the attempts by the bulk path, in
    /// one transaction behind the write gate.
    /// </summary>
    public override async Task RecordAsync(IReadOnlyList<WebhookMessage> messages, IReadOnlyList<WebhookAttempt> attempts, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(attempts);
        if (messages.Count == 0 && attempts.Count == 0) return;
        using (await WriteGate.EnterAsync(ct))
        {
            await using var tx = await Db.Database.BeginTransactionAsync(ct);
            var connection = (SqliteConnection)Db.Database.GetDbConnection();
            var transaction = (SqliteTransaction)tx.GetDbTransaction();
            if (messages.Count > 0) await UpdateAsync(connection, transaction, messages, ct);
            if (attempts.Count > 0) await BulkInsertAsync(attempts, ct);
            await tx.CommitAsync(ct);
        }
    }

    private static async Task UpdateAsync(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<WebhookMessage> messages, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            UPDATE "webhook_messages"
            SET "State" = $state, "Attempts" = $attempts, "NextAttemptAt" = $next, "LastAttemptAt" = $last, "LastStatusCode" = $status,
                "LeaseOwner" = $owner, "LeaseUntil" = $until, "CompletedAt" = $completed
            WHERE "Id" = $id
            """;
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var state = command.Parameters.Add("$state", SqliteType.Text);
        var attempts = command.Parameters.Add("$attempts", SqliteType.Integer);
        var next = command.Parameters.Add("$next", SqliteType.Integer);
        var last = command.Parameters.Add("$last", SqliteType.Integer);
        var status = command.Parameters.Add("$status", SqliteType.Integer);
        var owner = command.Parameters.Add("$owner", SqliteType.Text);
        var until = command.Parameters.Add("$until", SqliteType.Integer);
        var completed = command.Parameters.Add("$completed", SqliteType.Integer);
        command.Prepare();
        foreach (var m in messages)
        {
            id.Value = Text(m.Id);
            state.Value = m.State.ToString();
            attempts.Value = m.Attempts;
            next.Value = Ticks(m.NextAttemptAt);
            last.Value = Ticks(m.LastAttemptAt);
            status.Value = m.LastStatusCode is { } code ? code : DBNull.Value;
            owner.Value = (object?)m.LeaseOwner ?? DBNull.Value;
            until.Value = Ticks(m.LeaseUntil);
            completed.Value = Ticks(m.CompletedAt);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private static object Ticks(DateTimeOffset? at) => at is { } value ? value.UtcTicks : DBNull.Value;

    private static string Text(Guid id) => id.ToString("D").ToUpperInvariant();
}

/// <summary>PostgreSQL: messages go in by binary <c>COPY</c>, a single round trip however many there are.</summary>
public sealed class PostgresWebhookQueue(CrmDbContext db, IDatabaseProvider provider) : WebhookQueue(db, provider)
{
    /// <summary>The columns an attempt (or abandoning a message) changes.</summary>
    private static readonly string[] TriedColumns =
    [
        nameof(WebhookMessage.State), nameof(WebhookMessage.Attempts), nameof(WebhookMessage.NextAttemptAt), nameof(WebhookMessage.LastAttemptAt),
        nameof(WebhookMessage.LastStatusCode), nameof(WebhookMessage.LeaseOwner), nameof(WebhookMessage.LeaseUntil), nameof(WebhookMessage.CompletedAt),
    ];

    /// <summary>
    /// Through the context, which sends the batch's updates and inserts in one round trip already; the messages are
    /// attached with only the columns an attempt changes marked, so their payloads are not sent back.
    /// </summary>
    public override async Task RecordAsync(IReadOnlyList<WebhookMessage> messages, IReadOnlyList<WebhookAttempt> attempts, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(attempts);
        foreach (var message in messages)
        {
            var entry = Db.WebhookMessages.Attach(message);
            foreach (var column in TriedColumns) entry.Property(column).IsModified = true;
        }
        Db.WebhookAttempts.AddRange(attempts);
        await Db.SaveChangesAsync(ct);
    }
}
