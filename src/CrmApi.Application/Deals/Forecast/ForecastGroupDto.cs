namespace CrmApi.Application.Deals.Forecast;

/// <summary>
/// A group of a forecast period: by owner (<c>ownerId</c>, null for deals without one), by stage (<c>pipelineId</c> and
/// <c>stage</c>), or all deals (every key null) when no grouping was asked for.
/// </summary>
public sealed record ForecastGroupDto(string? OwnerId, Guid? PipelineId, string? Stage, IReadOnlyList<ForecastTotalsDto> Currencies);
