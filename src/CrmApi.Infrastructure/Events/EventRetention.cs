using CrmApi.Infrastructure.Housekeeping;
using CrmApi.Infrastructure.Persistence;
using CrmApi.Infrastructure.Persistence.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmApi.Infrastructure.Events;

/// <summary>Removes events older than the retention period and records, per workspace, how far it removed.</summary>
public sealed class EventRetention(CrmDbContext db, IDatabaseProvider provider, IOptions<EventOptions> options, TimeProvider clock)
    : IPruningJob
{
    public string What => "events";
    public TimeSpan Interval => options.Value.PruneInterval;

    /// <summary>Returns how many events were removed.</summary>
    public async Task<int> PruneAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().AddDays(-options.Value.RetentionDays);
        var removed = 0;
        // Across workspaces: this is housekeeping, not a request.
        var sequences = await db.EventSequences.IgnoreQueryFilters().ToListAsync(ct);
        foreach (var sequence in sequences)
        {
            var through = await db.Events.IgnoreQueryFilters()
                .Where(e => e.WorkspaceId == sequence.WorkspaceId && e.OccurredAt < cutoff)
                .MaxAsync(e => (long?)e.Sequence, ct);
            if (through is not { } last) continue;

            using (await provider.WriteGate.EnterAsync(ct))
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                removed += await db.Events.IgnoreQueryFilters()
                    .Where(e => e.WorkspaceId == sequence.WorkspaceId && e.Sequence <= last)
                    .ExecuteDeleteAsync(ct);
                await db.EventSequences.IgnoreQueryFilters()
                    .Where(s => s.WorkspaceId == sequence.WorkspaceId && s.PrunedThrough < last)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.PrunedThrough, last), ct);
                await tx.CommitAsync(ct);
            }
        }
        return removed;
    }
}
