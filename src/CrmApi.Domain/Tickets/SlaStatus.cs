namespace CrmApi.Domain.Tickets;

/// <summary>A ticket's SLA at one instant: what its <c>sla</c> field shows.</summary>
/// <param name="Priority">The priority in force at that instant.</param>
/// <param name="IsPaused">The ticket is pending, so its clocks are stopped.</param>
public sealed record SlaStatus(TicketPriority Priority, bool IsPaused, SlaTargetStatus FirstResponse, SlaTargetStatus Resolution);
