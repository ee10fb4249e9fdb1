using CrmApi.Domain.Pipelines;

namespace CrmApi.Application.Deals.Forecast;

/// <summary>What a forecast reads of one deal, with its stage's probability and position (groups by stage follow the pipeline's order).</summary>
public sealed record ForecastDeal(
    decimal? Amount, string? Currency, string? OwnerId, Guid PipelineId, string Stage, StageCategory Category, decimal Probability,
    int StagePosition,
    DateOnly? ExpectedCloseDate, DateTimeOffset? ClosedAt);
