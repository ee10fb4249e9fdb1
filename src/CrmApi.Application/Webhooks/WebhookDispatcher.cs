using CrmApi.Application.Common;
using CrmApi.Application.Events;
using CrmApi.Application.Records;
using CrmApi.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace CrmApi.Application.Webhooks;

/// <summary>
/// Turns the current workspace's new events into webhook messages, from its own checkpoint in the event log, in one
/// unit of work with the checkpoint's advance (written in bulk by <see cref="IWebhookQueue"/>): an event is queued for each
/// matching endpoint exactly once, and none is skipped (positions become visible in order, so nothing can appear behind
/// the checkpoint).
/// </summary>
public sealed class WebhookDispatcher(ICrmDbContext db, WorkspaceContext workspace, RecordFilters filters, IWebhookQueue queue, TimeProvider clock)
{
    public const int BatchMax = 500;

    /// <returns>How many events were read.</returns>
    public async Task<int> DispatchAsync(CancellationToken ct)
    {
        var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => e.Enabled).ToListAsync(ct);
        var checkpoint = await db.WebhookCheckpoints.AsNoTracking().FirstOrDefaultAsync(ct);
        var version = checkpoint?.Version;
        if (checkpoint is null)
        {
            if (endpoints.Count == 0) return 0;
            checkpoint = new WebhookCheckpoint(workspace.RequiredId, endpoints.Min(e => e.StartAfterSequence));
        }
        var from = checkpoint.LastSequence;
        var events = await db.Events.AsNoTracking().Where(e => e.Sequence > from).OrderBy(e => e.Sequence).Take(BatchMax).ToListAsync(ct);
        if (events.Count == 0) return 0;
        var now = clock.GetUtcNow();
        var messages = new List<WebhookMessage>(events.Count * endpoints.Count);
        foreach (var e in events)
        {
            string? payload = null;
            foreach (var endpoint in endpoints)
            {
                if (e.Sequence <= endpoint.StartAfterSequence || !endpoint.EventTypes.Any(p => EventTypePattern.Matches(p, e.Type))) continue;
                if (endpoint.Filter is { } filter && !await filters.MatchesAsync(e.ObjectType, e.ObjectId, filter, ct)) continue;
                payload ??= WebhookPayload.From(e);
                messages.Add(new WebhookMessage(Guid.CreateVersion7(now), e.WorkspaceId, endpoint.Id, e.Id, e.Type, e.Sequence, payload, now));
            }
        }
        checkpoint.Advance(events[^1].Sequence);
        // Another instance that queued the same batch first wins; this one's copy is dropped.
        return await queue.EnqueueAsync(checkpoint, version, messages, ct) ? events.Count : 0;
    }

    /// <summary>The workspaces with an enabled endpoint, for the worker (it dispatches each in a scope of its own).</summary>
    public Task<List<Guid>> WorkspacesAsync(CancellationToken ct)
        => db.WebhookEndpoints.IgnoreQueryFilters().Where(e => e.Enabled).Select(e => e.WorkspaceId).Distinct().ToListAsync(ct);
}
