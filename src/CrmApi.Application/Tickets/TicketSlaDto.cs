using CrmApi.Domain.Tickets;

namespace CrmApi.Application.Tickets;

/// <summary>
/// A ticket's SLA when it was read: computed from the ticket's history and its policy's calendar at that instant, so
/// it is not covered by the ticket's version (ETag). <c>paused</c> while the ticket is pending.
/// </summary>
public sealed record TicketSlaDto(Guid PolicyId, TicketPriority Priority, bool Paused, TicketSlaTargetDto FirstResponse, TicketSlaTargetDto Resolution)
{
    public static TicketSlaDto From(Guid policyId, SlaStatus s)
        => new(policyId, s.Priority, s.IsPaused, TicketSlaTargetDto.From(s.FirstResponse), TicketSlaTargetDto.From(s.Resolution));
}

/// <summary>
/// One SLA target. <c>dueAt</c> is null while the clock is paused before the target was met; <c>remainingMinutes</c> is
/// business minutes left (negative once overdue, frozen once met or while paused); <c>breached</c> says the target was
/// or will be missed: met after <c>dueAt</c>, or not met and <c>dueAt</c> has passed.
/// </summary>
public sealed record TicketSlaTargetDto(int TargetMinutes, DateTimeOffset? DueAt, DateTimeOffset? AchievedAt, double RemainingMinutes, bool Breached)
{
    public static TicketSlaTargetDto From(SlaTargetStatus t)
        => new(t.TargetMinutes, t.DueAt, t.AchievedAt, Math.Round(t.Remaining.TotalMinutes, 2), t.IsBreached);
}
