namespace CrmApi.Domain.Tickets;

/// <summary>
/// The facts of a ticket's life that SLA clocks depend on. It is built from the ticket's own history, so facts out of
/// order are a bug and throw, rather than coming back as validation errors.
/// </summary>
public sealed class SlaTimeline
{
    /// <param name="createdAt">When the ticket was opened: both clocks start here.</param>
    /// <param name="priority">The priority at creation.</param>
    /// <param name="priorityChanges">Later priority changes, oldest first.</param>
    /// <param name="pendingPeriods">Times in a pending state, oldest first, not overlapping; only the last may be open.</param>
    /// <param name="firstRespondedAt">The first agent reply, if any.</param>
    /// <param name="resolvedAt">When the ticket was resolved, if it is.</param>
    public SlaTimeline(
        DateTimeOffset createdAt,
        TicketPriority priority,
        IReadOnlyList<PriorityChange>? priorityChanges = null,
        IReadOnlyList<PendingPeriod>? pendingPeriods = null,
        DateTimeOffset? firstRespondedAt = null,
        DateTimeOffset? resolvedAt = null)
    {
        CreatedAt = createdAt;
        Priority = priority;
        PriorityChanges = [.. priorityChanges ?? []];
        PendingPeriods = [.. pendingPeriods ?? []];
        FirstRespondedAt = firstRespondedAt;
        ResolvedAt = resolvedAt;
        Check();
    }

    public DateTimeOffset CreatedAt { get; }
    public TicketPriority Priority { get; }
    public IReadOnlyList<PriorityChange> PriorityChanges { get; }
    public IReadOnlyList<PendingPeriod> PendingPeriods { get; }
    public DateTimeOffset? FirstRespondedAt { get; }
    public DateTimeOffset? ResolvedAt { get; }

    /// <summary>The priority in force at <paramref name="at"/>: a change applies from its instant on.</summary>
    public TicketPriority PriorityAt(DateTimeOffset at)
    {
        var priority = Priority;
        foreach (var change in PriorityChanges.TakeWhile(c => c.At <= at)) priority = change.Priority;
        return priority;
    }

    public bool IsPendingAt(DateTimeOffset at) => PendingPeriods.Any(p => p.Covers(at));

    /// <summary>
    /// The stretches from creation up to <paramref name="until"/> when the clocks ran, in order. The last one has no
    /// end when the clocks were still running at <paramref name="until"/>; facts after it are ignored.
    /// </summary>
    internal IEnumerable<(DateTimeOffset Start, DateTimeOffset? End)> RunningPeriods(DateTimeOffset until)
    {
        var start = CreatedAt;
        foreach (var pending in PendingPeriods.TakeWhile(p => p.Start <= until))
        {
            yield return (start, pending.Start);
            if (pending.Covers(until)) yield break;
            start = pending.End!.Value;
        }
        yield return (start, null);
    }

    private void Check()
    {
        if (FirstRespondedAt < CreatedAt) throw new ArgumentException("A ticket cannot be answered before it is created.", "firstRespondedAt");
        if (ResolvedAt < CreatedAt) throw new ArgumentException("A ticket cannot be resolved before it is created.", "resolvedAt");
        var last = CreatedAt;
        foreach (var change in PriorityChanges)
        {
            if (change.At < last) throw new ArgumentException("Priority changes must follow creation and each other.", "priorityChanges");
            if (!Enum.IsDefined(change.Priority)) throw new ArgumentException($"Unknown priority {(int)change.Priority}.", "priorityChanges");
            last = change.At;
        }
        if (!Enum.IsDefined(Priority)) throw new ArgumentException($"Unknown priority {(int)Priority}.", "priority");
        last = CreatedAt;
        for (var i = 0; i < PendingPeriods.Count; i++)
        {
            var p = PendingPeriods[i];
            if (p.Start < last) throw new ArgumentException("Pending periods must follow creation and each other without overlapping.", "pendingPeriods");
            if (p.End is not { } end)
            {
                if (i != PendingPeriods.Count - 1) throw new ArgumentException("Only the last pending period can still be open.", "pendingPeriods");
                break;
            }
            if (end < p.Start) throw new ArgumentException("A pending period cannot end before it starts.", "pendingPeriods");
            last = end;
        }
    }
}
