namespace CrmApi.Domain.Tickets;

/// <summary>
/// A time the ticket sat in a pending state (waiting on the customer), when SLA clocks stop. <paramref name="End"/> is
/// null while it is still pending.
/// </summary>
public readonly record struct PendingPeriod(DateTimeOffset Start, DateTimeOffset? End = null)
{
    /// <summary>Whether the ticket was pending at <paramref name="at"/>: from the start (inclusive) to the end (exclusive).</summary>
    public bool Covers(DateTimeOffset at) => Start <= at && (End is not { } end || at < end);
}
