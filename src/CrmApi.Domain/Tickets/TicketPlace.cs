namespace CrmApi.Domain.Tickets;

/// <summary>A stage of a ticket pipeline, with the state it had when the ticket was there.</summary>
public sealed record TicketPlace(Guid PipelineId, string Stage, TicketState State)
{
    /// <summary>Solved and closed tickets are resolved: their resolution clock has stopped.</summary>
    public bool IsResolved => State is TicketState.Solved or TicketState.Closed;
}

/// <summary>
/// A ticket entered a stage (a domain event): from where (null when it was just created), to where, and when. The
/// application turns it into <c>ticket.status_changed</c>, <c>ticket.solved</c> and <c>ticket.reopened</c> events.
/// </summary>
public sealed record TicketStageChange(TicketPlace? From, DateTimeOffset? FromEnteredAt, TicketPlace To, DateTimeOffset At)
{
    public TimeSpan? TimeInFrom => FromEnteredAt is { } entered ? At - entered : null;

    /// <summary>Entered a solved or closed state from an unresolved one (or was created resolved).</summary>
    public bool Solved => To.IsResolved && From?.IsResolved != true;

    /// <summary>Left solved or closed for new, open or pending.</summary>
    public bool Reopened => From?.IsResolved == true && !To.IsResolved;
}
