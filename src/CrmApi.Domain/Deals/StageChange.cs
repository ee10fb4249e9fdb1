using CrmApi.Domain.Pipelines;

namespace CrmApi.Domain.Deals;

/// <summary>
/// A deal entered a stage (a domain event): from where (null when it was just created), to where, and when. The
/// application turns it into stage history and <c>deal.stage_changed</c>, <c>deal.won</c>, <c>deal.lost</c> events.
/// </summary>
public sealed record StageChange(StagePlace? From, DateTimeOffset? FromEnteredAt, StagePlace To, DateTimeOffset At)
{
    /// <summary>How long the deal stayed where it came from.</summary>
    public TimeSpan? TimeInFrom => FromEnteredAt is { } entered ? At - entered : null;

    public bool Won => To.Category == StageCategory.Won && From?.Category != StageCategory.Won;
    public bool Lost => To.Category == StageCategory.Lost && From?.Category != StageCategory.Lost;
}

/// <summary>A stage of a pipeline, with the category it had when the deal was there.</summary>
public sealed record StagePlace(Guid PipelineId, string Stage, StageCategory Category);
