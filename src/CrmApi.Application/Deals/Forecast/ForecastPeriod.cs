namespace CrmApi.Application.Deals.Forecast;

/// <summary>The length of a forecast's buckets.</summary>
public enum ForecastPeriod
{
    Month,
    Quarter,
}
