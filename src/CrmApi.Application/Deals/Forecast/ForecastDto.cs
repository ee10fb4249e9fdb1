namespace CrmApi.Application.Deals.Forecast;

/// <summary>A deal forecast: every period that overlaps <c>from..to</c>, in order, empty ones included.</summary>
public sealed record ForecastDto(
    Guid? PipelineId, DateOnly From, DateOnly To, ForecastPeriod Period, ForecastGroupBy? GroupBy, IReadOnlyList<ForecastPeriodDto> Periods);
