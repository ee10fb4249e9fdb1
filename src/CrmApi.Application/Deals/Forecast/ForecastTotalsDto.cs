namespace CrmApi.Application.Deals.Forecast;

/// <summary>
/// One currency's figures in one group of one period. Open figures count open deals by expected close date; won and
/// lost figures count closed deals by the date they closed. <c>weightedAmount</c> is the sum of each open deal's amount
/// times its stage's probability. Deals without an amount count with 0 under a null currency.
/// </summary>
public sealed record ForecastTotalsDto(
    string? Currency, int OpenCount, decimal OpenAmount, decimal WeightedAmount, int WonCount, decimal WonAmount, int LostCount, decimal LostAmount);
