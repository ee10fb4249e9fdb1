using System.Globalization;
using CrmApi.Application.Common.Validation;
using CrmApi.Domain.Pipelines;

namespace CrmApi.Application.Deals.Forecast;

/// <summary>
/// The forecast's arithmetic, apart from the database so that it can be checked by hand. A deal counts in the period
/// of its date: the expected close date of an open deal, the (UTC) day a won or lost deal closed; deals dated outside
/// <c>from..to</c>, and open deals without an expected close date, are left out. Per period, group and currency:
/// open count and amount, weighted amount = Σ amount × probability of the deal's stage (rounded to 4 decimal places
/// once summed), won count and amount, lost count and amount.
/// </summary>
public static class ForecastCalculator
{
    public static IReadOnlyList<ForecastPeriodDto> Compute(IEnumerable<ForecastDeal> deals, DateOnly from, DateOnly to, ForecastPeriod period,
        ForecastGroupBy? groupBy)
    {
        var periods = Periods(from, to, period).ToList();
        var dated = deals
            .Select(d => (Deal: d, Date: d.Category == StageCategory.Open ? d.ExpectedCloseDate
                : d.ClosedAt is { } closed ? DateOnly.FromDateTime(closed.UtcDateTime) : (DateOnly?)null))
            .Where(x => x.Date is { } date && date >= from && date <= to)
            .ToList();
        return
        [
            .. periods.Select(p => new ForecastPeriodDto(p.Key, p.Start, p.End,
            [
                .. dated.Where(x => x.Date >= p.Start && x.Date <= p.End)
                    .GroupBy(x => GroupKey(x.Deal, groupBy))
                    .OrderBy(g => g.Key.OwnerId is null).ThenBy(g => g.Key.OwnerId, StringComparer.Ordinal)
                    .ThenBy(g => g.Key.PipelineId).ThenBy(g => g.Min(x => x.Deal.StagePosition))
                    .Select(g => new ForecastGroupDto(g.Key.OwnerId, g.Key.PipelineId, g.Key.Stage, Totals(g.Select(x => x.Deal)))),
            ])),
        ];
    }

    private static (string? OwnerId, Guid? PipelineId, string? Stage) GroupKey(ForecastDeal d, ForecastGroupBy? groupBy) => groupBy switch
    {
        ForecastGroupBy.Owner => (d.OwnerId, null, null),
        ForecastGroupBy.Stage => (null, d.PipelineId, d.Stage),
        _ => (null, null, null),
    };

    private static List<ForecastTotalsDto> Totals(IEnumerable<ForecastDeal> deals) =>
    [
        .. deals.GroupBy(d => d.Currency).OrderBy(g => g.Key is null).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var open = g.Where(d => d.Category == StageCategory.Open).ToList();
            var won = g.Where(d => d.Category == StageCategory.Won).ToList();
            var lost = g.Where(d => d.Category == StageCategory.Lost).ToList();
            return new ForecastTotalsDto(g.Key,
                open.Count, Sum(open),
                Rules.Plain(Math.Round(open.Sum(d => (d.Amount ?? 0m) * d.Probability), 4, MidpointRounding.AwayFromZero)),
                won.Count, Sum(won),
                lost.Count, Sum(lost));
        }),
    ];

    private static decimal Sum(List<ForecastDeal> deals) => Rules.Plain(deals.Sum(d => d.Amount ?? 0m));

    /// <summary>The calendar months or quarters that overlap <paramref name="from"/>..<paramref name="to"/>.</summary>
    public static IEnumerable<(string Key, DateOnly Start, DateOnly End)> Periods(DateOnly from, DateOnly to, ForecastPeriod period)
    {
        var months = period == ForecastPeriod.Quarter ? 3 : 1;
        var start = new DateOnly(from.Year, (from.Month - 1) / months * months + 1, 1);
        for (; start <= to; start = start.AddMonths(months))
        {
            var key = period == ForecastPeriod.Quarter
                ? $"{start.Year.ToString(CultureInfo.InvariantCulture)}-Q{(start.Month - 1) / 3 + 1}"
                : start.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            yield return (key, start, start.AddMonths(months).AddDays(-1));
        }
    }
}
