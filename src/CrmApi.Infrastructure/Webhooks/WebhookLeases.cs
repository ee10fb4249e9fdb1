using System.Text.Json;
using CrmApi.Application.Webhooks;
using CrmApi.Domain.Webhooks;
using CrmApi.Infrastructure.Persistence;
using CrmApi.Infrastructure.Persistence.Providers;
using Microsoft.EntityFrameworkCore;

namespace CrmApi.Infrastructure.Webhooks;

/// <summary>
/// SQLite: one writer at a time, so one <c>UPDATE … RETURNING</c> of the chosen rows, taken through the write gate, is
/// the lease: the due rows are picked through the (State, NextAttemptAt) index, earliest first, and the update finds
/// them by primary key. Picking and updating the rows in separate statements let the planner run the update's
/// <c>State</c> condition through that index, reading the whole pending backlog on every claim.
/// </summary>
public sealed class SqliteWebhookLeases(CrmDbContext db, IDatabaseProvider provider) : IWebhookLeases
{
    public async Task<IReadOnlyList<ClaimedMessage>> ClaimAsync(
        string owner, int max, DateTimeOffset now, DateTimeOffset until, IReadOnlyCollection<Guid> skip, CancellationToken ct)
    {
        using var gate = await provider.WriteGate.EnterAsync(ct);
        return await db.Database.SqlQuery<ClaimedMessage>(ClaimSql(owner, max, now, until, skip)).ToListAsync(ct);
    }

    /// <summary>
    /// The claim statement. Times are bound as UTC ticks and ids as upper-case text, as the SQLite mapping stores them;
    /// the endpoints to skip travel as one JSON array.
    /// </summary>
    internal static FormattableString ClaimSql(
        string owner, int max, DateTimeOffset now, DateTimeOffset until, IReadOnlyCollection<Guid> skip)
    {
        var pending = nameof(WebhookMessageState.Pending);
        var busy = JsonSerializer.Serialize(skip.Select(id => id.ToString("D").ToUpperInvariant()));
        return $"""
            UPDATE "webhook_messages" SET "LeaseOwner" = {owner}, "LeaseUntil" = {until.UtcTicks}
            WHERE "Id" IN (
                SELECT "Id" FROM "webhook_messages" INDEXED BY "IX_webhook_messages_State_NextAttemptAt"
                WHERE "State" = {pending} AND "NextAttemptAt" <= {now.UtcTicks} AND ("LeaseUntil" IS NULL OR "LeaseUntil" < {now.UtcTicks})
                  AND "EndpointId" NOT IN (SELECT "value" FROM json_each({busy}))
                ORDER BY "NextAttemptAt"
                LIMIT {max})
            RETURNING "Id", "WorkspaceId", "EndpointId"
            """;
    }
}

/// <summary>
/// PostgreSQL: one statement picks the due rows with <c>FOR UPDATE SKIP LOCKED</c> and writes the lease on them, so
/// instances claiming at the same moment take different messages instead of queueing on the same rows.
/// </summary>
public sealed class PostgresWebhookLeases(CrmDbContext db) : IWebhookLeases
{
    public async Task<IReadOnlyList<ClaimedMessage>> ClaimAsync(
        string owner, int max, DateTimeOffset now, DateTimeOffset until, IReadOnlyCollection<Guid> skip, CancellationToken ct)
    {
        var pending = nameof(WebhookMessageState.Pending);
        var busy = skip.ToArray();
        return await db.Database.SqlQuery<ClaimedMessage>($"""
            UPDATE "webhook_messages" AS m SET "LeaseOwner" = {owner}, "LeaseUntil" = {until}
            FROM (
                SELECT "Id" FROM "webhook_messages"
                WHERE "State" = {pending} AND "NextAttemptAt" <= {now} AND ("LeaseUntil" IS NULL OR "LeaseUntil" < {now})
                  AND NOT ("EndpointId" = ANY({busy}))
                ORDER BY "NextAttemptAt"
                LIMIT {max}
                FOR UPDATE SKIP LOCKED
            ) AS due
            WHERE m."Id" = due."Id"
            RETURNING m."Id", m."WorkspaceId", m."EndpointId"
            """).ToListAsync(ct);
    }
}
