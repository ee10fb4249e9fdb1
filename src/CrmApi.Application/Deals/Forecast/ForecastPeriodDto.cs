namespace CrmApi.Application.Deals.Forecast;

/// <summary>One calendar month (<c>2026-03</c>) or quarter (<c>2026-Q1</c>) of a forecast, with its groups.</summary>
public sealed record ForecastPeriodDto(string Key, DateOnly Start, DateOnly End, IReadOnlyList<ForecastGroupDto> Groups);
