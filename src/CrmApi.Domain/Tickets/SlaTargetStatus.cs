namespace CrmApi.Domain.Tickets;

/// <summary>
/// Where one SLA target (first response or resolution) of a ticket stands.
/// </summary>
/// <param name="TargetMinutes">The target, in business minutes, of the priority that applies (see <see cref="SlaClock"/>).</param>
/// <param name="DueAt">
/// The last instant at which meeting the target is on time, in UTC. Null while the clock is stopped by a pending state
/// before the target was reached: how long the customer will take to answer is unknown, so no date is promised.
/// </param>
/// <param name="AchievedAt">When the target was met; null while it is still open.</param>
/// <param name="Elapsed">Business time the clock has run: from creation to now (or to <paramref name="AchievedAt"/>), pending time excluded.</param>
/// <param name="Remaining">
/// Target minus elapsed, in business time: negative once overdue, frozen while pending and once met. It can be zero
/// while <paramref name="IsBreached"/> is true: due at Friday's closing and read on Saturday, no business time has
/// passed since, yet the due instant has.
/// </param>
/// <param name="IsBreached">Met after <paramref name="DueAt"/>, or not met and now is after it. Meeting it exactly at the due instant is on time.</param>
public sealed record SlaTargetStatus(
    int TargetMinutes,
    DateTimeOffset? DueAt,
    DateTimeOffset? AchievedAt,
    TimeSpan Elapsed,
    TimeSpan Remaining,
    bool IsBreached)
{
    public bool IsAchieved => AchievedAt is not null;
}
