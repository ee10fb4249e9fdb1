using System.Data.Common;
using CrmApi.Application.Webhooks;
using CrmApi.Domain.Webhooks;
using CrmApi.Infrastructure.Persistence;
using CrmApi.Infrastructure.Persistence.Providers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using IDatabaseProvider = CrmApi.Infrastructure.Persistence.Providers.IDatabaseProvider;
using Npgsql;
using NpgsqlTypes;

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
                if (messages.Count > 0) await InsertAsync(db.Database.GetDbConnection(), tx.GetDbTransaction(), messages, ct);
            }
            catch (DbException e) when (IsUniqueViolation(e))
            {
                return false;
            }
            await tx.CommitAsync(ct);
            return true;
        }
    }

    public abstract Task RecordAsync(IReadOnlyList<WebhookMessage> messages, IReadOnlyList<WebhookAttempt> attempts, CancellationToken ct);

    /// <summary>Inserts new (pending, never tried, unleased) messages inside <paramref name="transaction"/>.</summary>
    protected abstract Task InsertAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<WebhookMessage> messages, CancellationToken ct);

    protected abstract bool IsUniqueViolation(DbException exception);
}

/// <summary>
/// SQLite: one prepared insert run once per message (a statement per row costs little in process; preparing one per
/// row, as a batch of tracked inserts does, costs more). Values are bound as the SQLite mapping stores them: ids as
/// upper-case text, times as UTC ticks, the state as its name.
/// </summary>
public sealed class SqliteWebhookQueue(CrmDbContext db, IDatabaseProvider provider) : WebhookQueue(db, provider)
{
    protected override async Task InsertAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<WebhookMessage> messages, CancellationToken ct)
    {
        await using var command = (SqliteCommand)connection.CreateCommand();
        command.Transaction = (SqliteTransaction)transaction;
        command.CommandText = """
            INSERT INTO "webhook_messages"
                ("Id", "WorkspaceId", "EndpointId", "EventId", "EventType", "Sequence", "Payload", "State", "Attempts", "NextAttemptAt", "CreatedAt")
            VALUES ($id, $workspace, $endpoint, $event, $type, $sequence, $payload, $state, 0, $next, $created)
            """;
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var workspace = command.Parameters.Add("$workspace", SqliteType.Text);
        var endpoint = command.Parameters.Add("$endpoint", SqliteType.Text);
        var eventId = command.Parameters.Add("$event", SqliteType.Text);
        var type = command.Parameters.Add("$type", SqliteType.Text);
        var sequence = command.Parameters.Add("$sequence", SqliteType.Integer);
        var payload = command.Parameters.Add("$payload", SqliteType.Text);
        var state = command.Parameters.Add("$state", SqliteType.Text);
        var next = command.Parameters.Add("$next", SqliteType.Integer);
        var created = command.Parameters.Add("$created", SqliteType.Integer);
        command.Prepare();
        foreach (var m in messages)
        {
            id.Value = Text(m.Id);
            workspace.Value = Text(m.WorkspaceId);
            endpoint.Value = Text(m.EndpointId);
            eventId.Value = Text(m.EventId);
            type.Value = m.EventType;
            sequence.Value = m.Sequence;
            payload.Value = m.Payload;
            state.Value = m.State.ToString();
            next.Value = m.NextAttemptAt is { } at ? at.UtcTicks : DBNull.Value;
            created.Value = m.CreatedAt.UtcTicks;
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>
    /// One prepared update of the columns an attempt changes, and one prepared insert, each run once per row, in one
    /// transaction behind the write gate.
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
            if (attempts.Count > 0) await InsertAsync(connection, transaction, attempts, ct);
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

    private static async Task InsertAsync(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<WebhookAttempt> attempts, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO "webhook_attempts" ("Id", "WorkspaceId", "EndpointId", "MessageId", "At", "StatusCode", "DurationMs", "ResponseBody", "Error")
            VALUES ($id, $workspace, $endpoint, $message, $at, $status, $duration, $body, $error)
            """;
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var workspace = command.Parameters.Add("$workspace", SqliteType.Text);
        var endpoint = command.Parameters.Add("$endpoint", SqliteType.Text);
        var message = command.Parameters.Add("$message", SqliteType.Text);
        var at = command.Parameters.Add("$at", SqliteType.Integer);
        var status = command.Parameters.Add("$status", SqliteType.Integer);
        var duration = command.Parameters.Add("$duration", SqliteType.Integer);
        var body = command.Parameters.Add("$body", SqliteType.Text);
        var error = command.Parameters.Add("$error", SqliteType.Text);
        command.Prepare();
        foreach (var a in attempts)
        {
            id.Value = Text(a.Id);
            workspace.Value = Text(a.WorkspaceId);
            endpoint.Value = Text(a.EndpointId);
            message.Value = Text(a.MessageId);
            at.Value = a.At.UtcTicks;
            status.Value = a.StatusCode is { } code ? code : DBNull.Value;
            duration.Value = a.DurationMs;
            body.Value = (object?)a.ResponseBody ?? DBNull.Value;
            error.Value = (object?)a.Error ?? DBNull.Value;
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    protected override bool IsUniqueViolation(DbException exception)
        => exception is SqliteException { SqliteExtendedErrorCode: 2067 or 1555 };

    private static object Ticks(DateTimeOffset? at) => at is { } value ? value.UtcTicks : DBNull.Value;

    private static string Text(Guid id) => id.ToString("D").ToUpperInvariant();
}

/// <summary>PostgreSQL: one binary <c>COPY</c> of all the messages, a single round trip however many there are.</summary>
public sealed class PostgresWebhookQueue(CrmDbContext db, IDatabaseProvider provider) : WebhookQueue(db, provider)
{
    /// <summary>The columns an attempt (or abandoning a message) changes.</summary>
    private static readonly string[] TriedColumns =
    [
        nameof(WebhookMessage.State), nameof(WebhookMessage.Attempts), nameof(WebhookMessage.NextAttemptAt), nameof(WebhookMessage.LastAttemptAt),
        nameof(WebhookMessage.LastStatusCode), nameof(WebhookMessage.LeaseOwner), nameof(WebhookMessage.LeaseUntil), nameof(WebhookMessage.CompletedAt),
    ];

    protected override async Task InsertAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<WebhookMessage> messages, CancellationToken ct)
    {
        await using var import = await ((NpgsqlConnection)connection).BeginBinaryImportAsync("""
            COPY "webhook_messages"
                ("Id", "WorkspaceId", "EndpointId", "EventId", "EventType", "Sequence", "Payload", "State", "Attempts", "NextAttemptAt", "CreatedAt")
            FROM STDIN (FORMAT BINARY)
            """, ct);
        foreach (var m in messages)
        {
            await import.StartRowAsync(ct);
            await import.WriteAsync(m.Id, NpgsqlDbType.Uuid, ct);
            await import.WriteAsync(m.WorkspaceId, NpgsqlDbType.Uuid, ct);
            await import.WriteAsync(m.EndpointId, NpgsqlDbType.Uuid, ct);
            await import.WriteAsync(m.EventId, NpgsqlDbType.Uuid, ct);
            await import.WriteAsync(m.EventType, NpgsqlDbType.Varchar, ct);
            await import.WriteAsync(m.Sequence, NpgsqlDbType.Bigint, ct);
            await import.WriteAsync(m.Payload, NpgsqlDbType.Text, ct);
            await import.WriteAsync(m.State.ToString(), NpgsqlDbType.Varchar, ct);
            await import.WriteAsync(m.Attempts, NpgsqlDbType.Integer, ct);
            if (m.NextAttemptAt is { } at) await import.WriteAsync(at, NpgsqlDbType.TimestampTz, ct);
            else await import.WriteNullAsync(ct);
            await import.WriteAsync(m.CreatedAt, NpgsqlDbType.TimestampTz, ct);
        }
        await import.CompleteAsync(ct);
    }

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


    protected override bool IsUniqueViolation(DbException exception)
        => exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
