namespace CrmApi.Domain.Tickets;

/// <summary>
/// Computes a ticket's SLA from its timeline and an instant: a pure function, so the same facts always give the same
/// answer and any past moment can be replayed.
/// </summary>
/// <remarks>
/// <para>
/// Each target's clock counts business time of the policy's calendar from the ticket's creation, stopped while the
/// ticket is pending. The target is met when the elapsed time reaches the target minutes of the priority in force, so a
/// priority change re-computes the due instant from creation with the new priority's targets and keeps what has
/// elapsed (an upgrade can make a ticket overdue at once). A met target stays judged by the priority in force when it
/// was met.
/// </para>
/// <para>
/// Pending time pushes the due instant back by the business time it covered. Resolving a ticket also ends its
/// first-response clock: nobody waits for a first reply on a resolved ticket.
/// </para>
/// <para>Facts later than the instant asked about are ignored.</para>
/// </remarks>
public static class SlaClock
{
    public static SlaStatus Evaluate(SlaPolicy policy, SlaTimeline timeline, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return Evaluate(policy, timeline, clock.GetUtcNow());
    }

    public static SlaStatus Evaluate(SlaPolicy policy, SlaTimeline timeline, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(timeline);
        if (now < timeline.CreatedAt) throw new ArgumentOutOfRangeException(nameof(now), now, "The ticket did not exist yet.");

        var respondedAt = timeline.FirstRespondedAt <= now ? timeline.FirstRespondedAt : null;
        var resolvedAt = timeline.ResolvedAt <= now ? timeline.ResolvedAt : null;
        // Resolving ends the first-response clock too: nobody waits for a first reply on a resolved ticket.
        var firstResponseMetAt = respondedAt is { } r && resolvedAt is { } s ? (r < s ? r : s) : respondedAt ?? resolvedAt;

        return new SlaStatus(
            timeline.PriorityAt(now),
            timeline.IsPendingAt(now),
            TargetStatus(policy, timeline, t => t.FirstResponseMinutes, firstResponseMetAt, now),
            TargetStatus(policy, timeline, t => t.ResolutionMinutes, resolvedAt, now));
    }

    private static SlaTargetStatus TargetStatus(
        SlaPolicy policy, SlaTimeline timeline, Func<SlaTargets, int> minutesOf, DateTimeOffset? achievedAt, DateTimeOffset now)
    {
        var end = achievedAt ?? now;
        var calendar = policy.Calendar;
        var minutes = minutesOf(policy.TargetsFor(timeline.PriorityAt(end)));
        var target = TimeSpan.FromMinutes(minutes);
        var elapsed = TimeSpan.Zero;
        DateTimeOffset? due = null;
        foreach (var (start, stop) in timeline.RunningPeriods(end))
        {
            var ran = calendar.BusinessTimeBetween(start, stop ?? end);
            // The due instant lies in this stretch if the target is reached in it, or in the last one when the clock
            // is still running (then the rest of the target is counted on from its start, assuming no more pauses).
            if (due is null && (stop is null || elapsed + ran >= target)) due = calendar.AddBusinessTime(start, target - elapsed);
            elapsed += ran;
        }
        return new SlaTargetStatus(minutes, due, achievedAt, elapsed, target - elapsed, due is { } d && end > d);
    }
}
