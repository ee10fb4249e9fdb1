namespace CrmApi.Domain.Tickets;

/// <summary>A ticket's priority became <paramref name="Priority"/> at <paramref name="At"/>.</summary>
public readonly record struct PriorityChange(DateTimeOffset At, TicketPriority Priority);
