using CrmApi.Application.Records;
using CrmApi.Application.SlaPolicies;
using CrmApi.Domain.Events;
using CrmApi.Domain.Tickets;
using Microsoft.EntityFrameworkCore;

namespace CrmApi.Application.Tickets;

/// <summary>
/// Keeps a ticket's SLA bookkeeping in step with its facts, in the unit of work of whatever changed them: the due
/// instants the breach worker looks for, and a <c>ticket.sla_breached</c> event (with its breach row, which makes it
/// happen once per ticket and target) for each target missed and not yet reported — whether the worker finds it at the
/// due instant or a write meets the target late before the worker came by.
/// </summary>
public static class TicketSla
{
    /// <returns>How many breaches were recorded.</returns>
    public static async Task<int> SyncAsync(RecordServices services, Ticket ticket, SlaPolicyEntry? entry, TicketDto dto, CancellationToken ct)
    {
        var now = services.Clock.GetUtcNow();
        ticket.RefreshDueDates(entry?.Policy, now);
        if (entry is null) return 0;
        var sla = ticket.SlaAt(entry.Policy, now);
        var recorded = 0;
        foreach (var (target, status) in new[] { (SlaTarget.FirstResponse, sla.FirstResponse), (SlaTarget.Resolution, sla.Resolution) })
        {
            if (!status.IsBreached || status.DueAt is not { } due) continue;
            if (await services.Db.TicketSlaBreaches.AnyAsync(b => b.TicketId == ticket.Id && b.Target == target, ct)) continue;
            services.Db.TicketSlaBreaches.Add(new TicketSlaBreach(ticket.WorkspaceId, ticket.Id, target, entry.Id, due, now));
            TicketEvents.Record(services, EventTypes.TicketSlaBreached, ticket, new TicketSlaBreachDto(ticket.Id, target, entry.Id, due, dto));
            recorded++;
        }
        return recorded;
    }
}
