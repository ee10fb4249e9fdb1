using CrmApi.Application.Webhooks;
using CrmApi.Domain.Webhooks;
using CrmApi.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrmApi.Infrastructure.Webhooks;

/// <summary>
/// SQLite: one writer at a time, so a conditional update of the chosen rows is the lease (a worker that lost the race
/// finds its owner name missing on them and returns fewer).
/// </summary>
public sealed class SqliteWebhookLeases(CrmDbContext db) : IWebhookLeases
{
    public async Task<IReadOnlyList<ClaimedMessage>> ClaimAsync(
        string owner, int max, DateTimeOffset now, DateTimeOffset until, IReadOnlyCollection<Guid> skip, CancellationToken ct)
    {
        var all = db.WebhookMessages.IgnoreQueryFilters();
        var candidates = all.Where(m => m.State == WebhookMessageState.Pending && m.NextAttemptAt <= now && (m.LeaseUntil == null || m.LeaseUntil < now));
        if (skip.Count > 0)
        {
            var busy = skip.ToList();
            candidates = candidates.Where(m => !busy.Contains(m.EndpointId));
        }
        var due = await candidates.OrderBy(m => m.NextAttemptAt).Select(m => m.Id).Take(max).ToListAsync(ct);
        if (due.Count == 0) return [];
        await all.Where(m => due.Contains(m.Id) && m.State == WebhookMessageState.Pending && (m.LeaseUntil == null || m.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseOwner, owner).SetProperty(m => m.LeaseUntil, until), ct);
        return await all.AsNoTracking().Where(m => due.Contains(m.Id) && m.LeaseOwner == owner && m.LeaseUntil == until)
            .Select(m => new ClaimedMessage(m.Id, m.WorkspaceId, m.EndpointId)).ToListAsync(ct);
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
