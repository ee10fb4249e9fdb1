using CrmApi.Application.Common;
using CrmApi.Domain.Tickets;
using Microsoft.EntityFrameworkCore;

namespace CrmApi.Application.Tickets;

/// <summary>A live ticket of some workspace with an SLA target due and not yet reported as breached.</summary>
public sealed record DueTicket(Guid WorkspaceId, Guid TicketId);

/// <summary>Finds tickets whose SLA targets fell due, across workspaces, for the breach worker.</summary>
public sealed class TicketSlaDue(ICrmDbContext db, TimeProvider clock)
{
    public const int BatchMax = 500;

    /// <summary>Tickets with a target due at or before now and no breach recorded for it, the most overdue first.</summary>
    public async Task<IReadOnlyList<DueTicket>> FindAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var breaches = db.TicketSlaBreaches.IgnoreQueryFilters();
        var tickets = db.Tickets.IgnoreQueryFilters().AsNoTracking().Where(t => t.DeletedAt == null);
        var firstResponse = tickets
            .Where(t => t.FirstResponseDueAt <= now && !breaches.Any(b => b.TicketId == t.Id && b.Target == SlaTarget.FirstResponse))
            .OrderBy(t => t.FirstResponseDueAt).Select(t => new DueTicket(t.WorkspaceId, t.Id)).Take(BatchMax);
        var resolution = tickets
            .Where(t => t.ResolutionDueAt <= now && !breaches.Any(b => b.TicketId == t.Id && b.Target == SlaTarget.Resolution))
            .OrderBy(t => t.ResolutionDueAt).Select(t => new DueTicket(t.WorkspaceId, t.Id)).Take(BatchMax);
        return [.. (await firstResponse.ToListAsync(ct)).Concat(await resolution.ToListAsync(ct)).Distinct()];
    }
}
