using CrmApi.Application.Records;
using CrmApi.Application.SlaPolicies;
using CrmApi.Domain.Events;
using CrmApi.Domain.Tickets;
using Microsoft.EntityFrameworkCore;

namespace CrmApi.Application.Tickets;

/// <summary>
/// Keeps a ticket's SLA bookkeeping in step with its facts, in the unit of work of whatever changed them: the due
/// instants the breach worker looks for and, for the worker alone, a <c>ticket.sla_breached</c> event with its breach
/// row for each target missed and not yet reported. The row's key makes the report happen once per ticket and target;
/// client writes never report, so they never race the worker for it (a reply that comes late keeps its due instant
/// until the worker has reported the miss).
/// </summary>
public static class TicketSla
{
    /// <returns>How many breaches were recorded.</returns>
    public static async Task<int> SyncAsync(RecordServices services, Ticket ticket, SlaPolicyEntry? entry, TicketDto dto, bool report,
        CancellationToken ct)
    {
        var now = services.Clock.GetUtcNow();
        if (entry is null)
        {
            ticket.RefreshDueDates(null, now);
            return 0;
        }
        var reported = await services.Db.TicketSlaBreaches.Where(b => b.TicketId == ticket.Id).Select(b => b.Target).ToListAsync(ct);
        var recorded = 0;
        if (report)
        {
            var sla = ticket.SlaAt(entry.Policy, now);
            foreach (var (target, status) in new[] { (SlaTarget.FirstResponse, sla.FirstResponse), (SlaTarget.Resolution, sla.Resolution) })
            {
                if (!status.IsBreached || status.DueAt is not { } due || reported.Contains(target)) continue;
                services.Db.TicketSlaBreaches.Add(new TicketSlaBreach(ticket.WorkspaceId, ticket.Id, target, entry.Id, due, now));
                TicketEvents.Record(services, EventTypes.TicketSlaBreached, ticket, new TicketSlaBreachDto(ticket.Id, target, entry.Id, due, dto));
                reported.Add(target);
                recorded++;
            }
        }
        ticket.RefreshDueDates(entry.Policy, now, reported);
        return recorded;
    }
}
