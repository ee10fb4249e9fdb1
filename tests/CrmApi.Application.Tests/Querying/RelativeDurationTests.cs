using CrmApi.Application.Querying;

namespace CrmApi.Application.Tests.Querying;

/// <summary>The ISO 8601 durations of <c>withinLast</c> and <c>olderThan</c>: what is read, and how far back each one reaches.</summary>
public class RelativeDurationTests
{
    [Theory]
    [InlineData("P90D", "P90D")]
    [InlineData("P2W", "P2W")]
    [InlineData("PT12H", "PT12H")]
    [InlineData("PT90M", "PT90M")]
    [InlineData("PT45S", "PT45S")]
    [InlineData("P1Y6M", "P1Y6M")]
    [InlineData("P1Y2M3W4DT5H6M7S", "P1Y2M3W4DT5H6M7S")]
    [InlineData("P0Y90D", "P90D")]
    [InlineData("P1DT0H", "P1D")]
    [InlineData("P100Y", "P100Y")]
    [InlineData("P1200M", "P1200M")]
    public void TryParse_IsoDuration_ReadsItsCanonicalForm(string text, string canonical)
    {
        RelativeDuration.TryParse(text, out var duration, out var problem).ShouldBeTrue(problem);

        duration.ToString().ShouldBe(canonical);
    }

    [Theory]
    [InlineData("-P30D", "is negative")]
    [InlineData("P0D", "is zero")]
    [InlineData("PT0S", "is zero")]
    [InlineData("P101Y", "longer than 100 years")]
    [InlineData("P1201M", "longer than 100 years")]
    [InlineData("P5300W", "longer than 100 years")]
    [InlineData("P99999999999999999999D", "longer than 100 years")]
    [InlineData("P", "not an ISO 8601 duration")]
    [InlineData("PT", "not an ISO 8601 duration")]
    [InlineData("P1DT", "not an ISO 8601 duration")]
    [InlineData("90D", "not an ISO 8601 duration")]
    [InlineData("P1.5D", "not an ISO 8601 duration")]
    [InlineData("p30d", "not an ISO 8601 duration")]
    [InlineData("P30D ", "not an ISO 8601 duration")]
    [InlineData("P30D\n", "not an ISO 8601 duration")]
    [InlineData("P1D2Y", "not an ISO 8601 duration")]
    [InlineData("P\u0663D", "not an ISO 8601 duration")]
    [InlineData("30 days", "not an ISO 8601 duration")]
    public void TryParse_BadDuration_SaysWhyAndGivesExamples(string text, string why)
    {
        RelativeDuration.TryParse(text, out _, out var problem).ShouldBeFalse();

        problem.ShouldContain(why);
        problem.ShouldContain("\"P90D\"");
    }

    [Theory]
    [InlineData("2025-03-31T10:00:00Z", "P1M", "2025-02-28T10:00:00Z")]
    [InlineData("2024-02-29T00:00:00Z", "P1Y", "2023-02-28T00:00:00Z")]
    [InlineData("2025-03-01T12:00:00Z", "P1Y1M", "2024-02-01T12:00:00Z")]
    [InlineData("2025-03-01T12:00:00Z", "P2W", "2025-02-15T12:00:00Z")]
    [InlineData("2025-03-01T12:00:00Z", "P1DT1H", "2025-02-28T11:00:00Z")]
    [InlineData("2025-03-01T12:00:00Z", "PT90M30S", "2025-03-01T10:29:30Z")]
    [InlineData("2025-03-31T12:00:00Z", "P1M1D", "2025-02-27T12:00:00Z")]
    public void Before_CountsYearsAndMonthsOnTheCalendar_ThenTheExactPart(string now, string duration, string expected)
    {
        RelativeDuration.TryParse(duration, out var parsed, out _).ShouldBeTrue();

        parsed.Before(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture))
            .ShouldBe(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
    }
}
