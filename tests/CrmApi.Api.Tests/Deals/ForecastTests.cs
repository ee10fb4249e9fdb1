using System.Globalization;
using System.Net;
using System.Text.Json;
using CrmApi.Api.Tests.BadInput;
using CrmApi.Api.Tests.Contacts;
using CrmApi.Api.Tests.Infrastructure;

namespace CrmApi.Api.Tests.Deals;

/// <summary>The forecast against deals whose expected figures are worked out by hand in each test.</summary>
public abstract class ForecastTests(ApiFixture fixture)
{
    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static JsonElement Totals(JsonElement group, string? currency)
        => group.GetProperty("currencies").EnumerateArray().Single(c => c.GetProperty("currency").GetString() == currency);

    private static void ShouldBe(JsonElement totals, int openCount, decimal openAmount, decimal weighted, int wonCount, decimal wonAmount,
        int lostCount, decimal lostAmount)
    {
        var text = totals.GetRawText();
        totals.GetProperty("openCount").GetInt32().ShouldBe(openCount, text);
        totals.GetProperty("openAmount").GetDecimal().ShouldBe(openAmount, text);
        totals.GetProperty("weightedAmount").GetDecimal().ShouldBe(weighted, text);
        totals.GetProperty("wonCount").GetInt32().ShouldBe(wonCount, text);
        totals.GetProperty("wonAmount").GetDecimal().ShouldBe(wonAmount, text);
        totals.GetProperty("lostCount").GetInt32().ShouldBe(lostCount, text);
        totals.GetProperty("lostAmount").GetDecimal().ShouldBe(lostAmount, text);
    }

    [Fact]
    public async Task Monthly_by_owner_counts_open_deals_by_expected_close_and_closed_ones_by_when_they_closed()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var p = (await ws.Client.CreateAsync("pipelines", DealApi.SmallPipeline)).Id(); // a 0.1, b 0.5, won, lost
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var m0 = new DateOnly(today.Year, today.Month, 1);
        var (m1, m2, m3) = (m0.AddMonths(1), m0.AddMonths(2), m0.AddMonths(3));

        async Task Deal(string stage, decimal? amount, string? currency, string? owner, DateOnly? expected, string? pipeline = null)
            => await ws.Client.CreateDealAsync(new { name = "D", pipelineId = pipeline ?? p, stage, amount, currency, ownerId = owner, expectedCloseDate = expected is { } e ? Date(e) : null });

        await Deal("a", 1000m, "EUR", "u1", m1.AddDays(9));     // M1 u1 EUR: weighted 100
        await Deal("b", 2000m, "EUR", "u1", m1.AddDays(19));    // M1 u1 EUR: weighted 1000
        await Deal("b", 300.5m, "USD", "u2", m1.AddDays(4));    // M1 u2 USD: weighted 150.25
        await Deal("a", null, null, "u2", m2);                  // M2 u2 no currency: counted, 0
        await Deal("a", 500m, "EUR", null, m2.AddDays(14));     // M2 unowned EUR: weighted 50
        await Deal("b", 999m, "EUR", "u1", m3.AddDays(1));      // after 'to': left out
        await Deal("b", 100m, "EUR", "u1", null);               // no expected close date: left out
        await Deal("won", 700m, "EUR", "u1", m2);               // closed now (M0), whatever it expected
        await Deal("won", 50m, "EUR", "u2", null);              // closed now (M0)
        await Deal("lost", 400m, "EUR", "u1", null);            // closed now (M0)
        await Deal("won", 10000m, "EUR", "u1", null, (await ws.Client.DefaultPipelineAsync()).Id()); // another pipeline
        var deleted = await ws.Client.CreateDealAsync(new { name = "gone", pipelineId = p, stage = "won", amount = 999, currency = "EUR", ownerId = "u1" });
        (await ws.Client.DeleteAsync($"/api/v1/deals/{deleted.Id()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var forecast = await ws.Client.GetJsonAsync($"/api/v1/deals/forecast?pipelineId={p}&from={Date(m0)}&to={Date(m3.AddDays(-1))}&period=month&groupBy=owner");
        forecast.GetProperty("groupBy").GetString().ShouldBe("owner");
        var periods = forecast.GetProperty("periods").EnumerateArray().ToList();
        periods.Select(x => x.GetProperty("key").GetString()).ShouldBe([m0.ToString("yyyy-MM", CultureInfo.InvariantCulture), m1.ToString("yyyy-MM", CultureInfo.InvariantCulture), m2.ToString("yyyy-MM", CultureInfo.InvariantCulture)]);
        periods[1].GetProperty("start").GetString().ShouldBe(Date(m1));
        periods[1].GetProperty("end").GetString().ShouldBe(Date(m2.AddDays(-1)));

        var now = periods[0].GetProperty("groups").EnumerateArray().ToList();
        now.Select(g => g.GetProperty("ownerId").GetString()).ShouldBe(["u1", "u2"]);
        ShouldBe(Totals(now[0], "EUR"), 0, 0m, 0m, 1, 700m, 1, 400m);
        ShouldBe(Totals(now[1], "EUR"), 0, 0m, 0m, 1, 50m, 0, 0m);

        var next = periods[1].GetProperty("groups").EnumerateArray().ToList();
        next.Select(g => g.GetProperty("ownerId").GetString()).ShouldBe(["u1", "u2"]);
        ShouldBe(Totals(next[0], "EUR"), 2, 3000m, 1100m, 0, 0m, 0, 0m);
        ShouldBe(Totals(next[1], "USD"), 1, 300.5m, 150.25m, 0, 0m, 0, 0m);

        var later = periods[2].GetProperty("groups").EnumerateArray().ToList();
        later.Select(g => g.GetProperty("ownerId").GetString()).ShouldBe(["u2", null]);
        ShouldBe(Totals(later[0], null), 1, 0m, 0m, 0, 0m, 0, 0m);
        ShouldBe(Totals(later[1], "EUR"), 1, 500m, 50m, 0, 0m, 0, 0m);
    }

    [Fact]
    public async Task Quarterly_by_stage_over_every_deal_pipeline_weights_by_each_stage()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var p = (await ws.Client.CreateAsync("pipelines", DealApi.SmallPipeline)).Id();
        var d = (await ws.Client.DefaultPipelineAsync()).Id();
        await ws.Client.CreateDealAsync(new { name = "q1", pipelineId = p, stage = "a", amount = 100, currency = "EUR", expectedCloseDate = "2030-02-10" });
        await ws.Client.CreateDealAsync(new { name = "q2", pipelineId = p, stage = "b", amount = 200, currency = "EUR", expectedCloseDate = "2030-03-31" });
        await ws.Client.CreateDealAsync(new { name = "q3", pipelineId = p, stage = "b", amount = 333.3333m, currency = "EUR", expectedCloseDate = "2030-04-01" });
        await ws.Client.CreateDealAsync(new { name = "q4", pipelineId = d, stage = "proposal", amount = 1000, currency = "EUR", expectedCloseDate = "2030-05-05" });
        await ws.Client.CreateDealAsync(new { name = "q5", pipelineId = p, stage = "a", amount = 50, currency = "EUR", expectedCloseDate = "2029-12-31" });

        var forecast = await ws.Client.GetJsonAsync("/api/v1/deals/forecast?from=2030-01-01&to=2030-06-30&period=quarter&groupBy=stage");
        forecast.GetProperty("pipelineId").ValueKind.ShouldBe(JsonValueKind.Null);
        var periods = forecast.GetProperty("periods").EnumerateArray().ToList();
        periods.Select(x => x.GetProperty("key").GetString()).ShouldBe(["2030-Q1", "2030-Q2"]);
        periods[1].GetProperty("end").GetString().ShouldBe("2030-06-30");

        var q1 = periods[0].GetProperty("groups").EnumerateArray().ToList();
        q1.Select(g => g.GetProperty("stage").GetString()).ShouldBe(["a", "b"]);
        q1.ShouldAllBe(g => g.GetProperty("pipelineId").GetString() == p);
        ShouldBe(Totals(q1[0], "EUR"), 1, 100m, 10m, 0, 0m, 0, 0m);
        ShouldBe(Totals(q1[1], "EUR"), 1, 200m, 100m, 0, 0m, 0, 0m);

        var q2 = periods[1].GetProperty("groups").EnumerateArray().ToDictionary(g => (g.GetProperty("pipelineId").GetString(), g.GetProperty("stage").GetString()));
        q2.Count.ShouldBe(2);
        ShouldBe(Totals(q2[(d, "proposal")], "EUR"), 1, 1000m, 600m, 0, 0m, 0, 0m);
        // 333.3333 × 0.5 = 166.66665, rounded half away from zero to 4 places.
        ShouldBe(Totals(q2[(p, "b")], "EUR"), 1, 333.3333m, 166.6667m, 0, 0m, 0, 0m);

        var plain = await ws.Client.GetJsonAsync("/api/v1/deals/forecast?from=2030-01-01&to=2030-06-30&period=quarter");
        var all = plain.GetProperty("periods")[1].GetProperty("groups").EnumerateArray().Single();
        all.GetProperty("ownerId").ValueKind.ShouldBe(JsonValueKind.Null);
        ShouldBe(Totals(all, "EUR"), 2, 1333.3333m, 766.6667m, 0, 0m, 0, 0m);
    }

    [Theory]
    [InlineData("from=2030-01-01", "to")]
    [InlineData("from=2030-13-01&to=2030-12-31", "from")]
    [InlineData("from=2030-02-01&to=2030-01-01", "to")]
    [InlineData("from=2030-01-01&to=2035-01-01", "to")]
    [InlineData("from=2030-01-01&to=2030-02-01&period=week", "period")]
    [InlineData("from=2030-01-01&to=2030-02-01&groupBy=company", "groupBy")]
    [InlineData("from=2030-01-01&to=2030-02-01&pipelineId=0198c3f0-0000-7000-8000-000000000000", "pipelineId")]
    public async Task Invalid_forecast_parameters_are_400(string query, string field)
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var response = await ws.Client.GetAsync($"/api/v1/deals/forecast?{query}");
        await response.ShouldBeValidationAsync(field);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ForecastSqliteTests(SqliteApiFixture fixture) : ForecastTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ForecastPostgresTests(PostgresApiFixture fixture) : ForecastTests(fixture);
