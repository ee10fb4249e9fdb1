using CrmApi.Application.Events;
using CrmApi.Application.Records;
using CrmApi.Domain.Events;
using CrmApi.Domain.Tickets;

namespace CrmApi.Application.Tickets;

/// <summary>
/// Turns a ticket's stage entries and assignment into events, in the unit of work of the change:
/// <c>ticket.status_changed</c> for a move, <c>ticket.solved</c> on entering a solved or closed state from an unresolved
/// one (a ticket created resolved counts), <c>ticket.reopened</c> on leaving solved or closed, <c>ticket.assigned</c>
/// when the assignee becomes someone.
/// </summary>
public static class TicketEvents
{
    public static void RecordChanges(RecordServices services, Ticket ticket, TicketDto dto)
    {
        foreach (var change in ticket.StageChanges)
        {
            if (change.From is { } from)
            {
                var data = new TicketStatusChangeDto(ticket.Id, TicketStageRefDto.From(from), TicketStageRefDto.From(change.To),
                    (long)(change.TimeInFrom ?? TimeSpan.Zero).TotalSeconds, change.At, dto);
                Record(services, EventTypes.TicketStatusChanged, ticket, data);
            }
            if (change.Solved) Record(services, EventTypes.TicketSolved, ticket, dto);
            if (change.Reopened) Record(services, EventTypes.TicketReopened, ticket, dto);
        }
        if (ticket.Assignment is { } assignment)
            Record(services, EventTypes.TicketAssigned, ticket, new TicketAssignmentDto(ticket.Id, assignment.From, assignment.To, dto));
        ticket.ClearChanges();
    }

    /// <summary>An event about the ticket, related to its requester so it shows on the contact's timeline too.</summary>
    public static void Record<T>(RecordServices services, string type, Ticket ticket, T data)
        => services.Events.Record(type, "ticket", ticket.Id, EventRecorder.ToJson(data), relatedType: ticket.RequesterId is null ? null : "contact",
            relatedId: ticket.RequesterId);
}
