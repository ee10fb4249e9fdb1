using CrmApi.Application.Deals.Forecast;
using CrmApi.Domain.Pipelines;

namespace CrmApi.Application.Tests.Deals;

/// <summary>The forecast's arithmetic against figures worked out by hand.</summary>
public sealed class ForecastCalculatorTests
{
    private static readonly Guid Pipeline = Guid.Parse("0198c3f0-0000-7000-8000-000000000001");

    private static ForecastDeal Open(decimal? amount, string? currency, string? owner, string stage, decimal probability, int position, string expected)
        => new(amount, currency, owner, Pipeline, stage, StageCategory.Open, probability, position, DateOnly.Parse(expected), null);

    private static ForecastDeal Closed(StageCategory category, decimal amount, string currency, string? owner, string closedAt)
        => new(amount, currency, owner, Pipeline, category == StageCategory.Won ? "won" : "lost", category, category == StageCategory.Won ? 1m : 0m,
            category == StageCategory.Won ? 8 : 9, DateOnly.Parse("2020-01-01"), DateTimeOffset.Parse(closedAt));

    [Fact]
    public void Sums_each_month_and_owner_per_currency()
    {
        ForecastDeal[] deals =
        [
            Open(1000m, "EUR", "ann", "qualified", 0.4m, 1, "2026-01-05"),    // Jan ann EUR: 400
            Open(250.25m, "EUR", "ann", "proposal", 0.6m, 2, "2026-01-31"),   // Jan ann EUR: 150.15
            Open(99.99m, "USD", "ann", "proposal", 0.6m, 2, "2026-01-20"),    // Jan ann USD: 59.994
            Open(500m, "EUR", null, "qualified", 0.4m, 1, "2026-02-01"),      // Feb unowned EUR: 200
            Open(700m, "EUR", "bob", "qualified", 0.4m, 1, "2026-04-01"),     // after 'to'
            Closed(StageCategory.Won, 300m, "EUR", "ann", "2026-01-31T23:59:59Z"),  // Jan (UTC day)
            Closed(StageCategory.Won, 200m, "EUR", "bob", "2026-02-01T00:00:00+02:00"), // 2026-01-31T22:00Z: Jan
            Closed(StageCategory.Lost, 80m, "EUR", "bob", "2026-03-15T10:00:00Z"),  // Mar
            Closed(StageCategory.Lost, 80m, "EUR", "bob", "2025-12-31T23:00:00Z"),  // before 'from'
        ];

        var periods = ForecastCalculator.Compute(deals, new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31), ForecastPeriod.Month, ForecastGroupBy.Owner);

        periods.Select(p => p.Key).ShouldBe(["2026-01", "2026-02", "2026-03"]);
        var jan = periods[0].Groups;
        jan.Select(g => g.OwnerId).ShouldBe(["ann", "bob"]);
        jan[0].Currencies.ShouldBe([
            new ForecastTotalsDto("EUR", 2, 1250.25m, 550.15m, 1, 300m, 0, 0m),
            new ForecastTotalsDto("USD", 1, 99.99m, 59.994m, 0, 0m, 0, 0m),
        ]);
        jan[1].Currencies.ShouldBe([new ForecastTotalsDto("EUR", 0, 0m, 0m, 1, 200m, 0, 0m)]);
        periods[1].Groups.Single().OwnerId.ShouldBeNull();
        periods[1].Groups.Single().Currencies.ShouldBe([new ForecastTotalsDto("EUR", 1, 500m, 200m, 0, 0m, 0, 0m)]);
        periods[2].Groups.Single().OwnerId.ShouldBe("bob");
        periods[2].Groups.Single().Currencies.ShouldBe([new ForecastTotalsDto("EUR", 0, 0m, 0m, 0, 0m, 1, 80m)]);
    }

    [Fact]
    public void Quarters_group_by_stage_in_stage_order_and_round_the_weighted_sum_once()
    {
        ForecastDeal[] deals =
        [
            Open(0.0001m, "EUR", null, "proposal", 0.3333m, 2, "2026-05-01"), // 0.00003333
            Open(0.0001m, "EUR", null, "proposal", 0.3333m, 2, "2026-05-02"), // 0.00003333
            Open(0.0001m, "EUR", null, "proposal", 0.3333m, 2, "2026-05-03"), // Σ 0.00009999 → 0.0001
            Open(10m, "EUR", null, "qualified", 0.25m, 1, "2026-06-30"),      // 2.5
            Open(null, null, null, "qualified", 0.25m, 1, "2026-04-01"),      // counted, no amount
        ];

        var periods = ForecastCalculator.Compute(deals, new DateOnly(2026, 2, 15), new DateOnly(2026, 6, 30), ForecastPeriod.Quarter, ForecastGroupBy.Stage);

        periods.Select(p => (p.Key, p.Start, p.End)).ShouldBe([
            ("2026-Q1", new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31)),
            ("2026-Q2", new DateOnly(2026, 4, 1), new DateOnly(2026, 6, 30)),
        ]);
        periods[0].Groups.ShouldBeEmpty();
        var q2 = periods[1].Groups;
        q2.Select(g => g.Stage).ShouldBe(["qualified", "proposal"]);
        q2[0].Currencies.ShouldBe([
            new ForecastTotalsDto("EUR", 1, 10m, 2.5m, 0, 0m, 0, 0m),
            new ForecastTotalsDto(null, 1, 0m, 0m, 0, 0m, 0, 0m),
        ]);
        q2[1].Currencies.ShouldBe([new ForecastTotalsDto("EUR", 3, 0.0003m, 0.0001m, 0, 0m, 0, 0m)]);
    }
}
