namespace CrmApi.Application.Deals.Forecast;

/// <summary>How a forecast splits each period: by owner, or by pipeline stage.</summary>
public enum ForecastGroupBy
{
    Owner,
    Stage,
}
