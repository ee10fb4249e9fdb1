using CrmApi.Domain.Tickets;

namespace CrmApi.Application.Tickets;

/// <summary>A stage of a ticket pipeline, with its state at the time.</summary>
public sealed record TicketStageRefDto(Guid PipelineId, string Stage, TicketState State)
{
    public static TicketStageRefDto From(TicketPlace p) => new(p.PipelineId, p.Stage, p.State);
}

/// <summary>The <c>data</c> of <c>ticket.status_changed</c>: the stage left and entered, the time spent in the one left, the ticket after.</summary>
public sealed record TicketStatusChangeDto(Guid TicketId, TicketStageRefDto From, TicketStageRefDto To, long SecondsInFrom, DateTimeOffset ChangedAt, TicketDto Ticket);

/// <summary>The <c>data</c> of <c>ticket.assigned</c>: the previous assignee (null: unassigned) and the new one.</summary>
public sealed record TicketAssignmentDto(Guid TicketId, string? From, string To, TicketDto Ticket);

/// <summary>The <c>data</c> of <c>ticket.comment_added</c>.</summary>
public sealed record TicketCommentAddedDto(Guid TicketId, TicketCommentDto Comment, TicketDto Ticket);

/// <summary>The <c>data</c> of <c>ticket.satisfaction_received</c>.</summary>
public sealed record TicketSatisfactionReceivedDto(Guid TicketId, int Score, string? Comment, DateTimeOffset ReceivedAt, TicketDto Ticket);

/// <summary>
/// The <c>data</c> of <c>ticket.sla_breached</c>: which target (<c>firstResponse</c> or <c>resolution</c>) of which
/// policy was missed, when it was due, and the ticket at the moment of the breach.
/// </summary>
public sealed record TicketSlaBreachDto(Guid TicketId, SlaTarget Target, Guid PolicyId, DateTimeOffset DueAt, TicketDto Ticket);
