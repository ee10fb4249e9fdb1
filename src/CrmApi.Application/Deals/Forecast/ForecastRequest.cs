namespace CrmApi.Application.Deals.Forecast;

/// <summary>
/// A forecast as the query string asks for it: dates as <c>YYYY-MM-DD</c>, <c>period</c> month (default) or quarter,
/// <c>groupBy</c> owner or stage (absent: one group per period).
/// </summary>
public sealed record ForecastRequest(Guid? PipelineId, string? From, string? To, string? Period, string? GroupBy);
