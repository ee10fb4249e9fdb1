using System.Text.Json.Nodes;
using CrmApi.Application.Common;
using CrmApi.Application.SlaPolicies;
using CrmApi.Domain.Tickets;

namespace CrmApi.Application.Tests.SlaPolicies;

public class SlaPolicyValidatorTests
{
    private const string Valid = """
        {"name":"Gold","conditions":{"priority":{"eq":"urgent"}},
         "calendar":{"timeZone":"America/New_York","weeklyHours":{"monday":[{"start":"08:00","end":"12:00"},{"start":"13:00","end":"24:00"}]},"holidays":["2026-07-03"]},
         "targets":{"low":{"firstResponseMinutes":480,"resolutionMinutes":2880},"normal":{"firstResponseMinutes":240,"resolutionMinutes":1440},
                    "high":{"firstResponseMinutes":60,"resolutionMinutes":480},"urgent":{"firstResponseMinutes":30,"resolutionMinutes":240}}}
        """;

    private static Result<SlaPolicySpec> Validate(string json, Action<JsonObject>? change = null)
    {
        var body = JsonNode.Parse(json)!.AsObject();
        change?.Invoke(body);
        var input = JsonInput.Read<SlaPolicyInput>(body);
        input.Errors.ShouldBeEmpty();
        return SlaPolicyValidator.Validate(input.Value!);
    }

    private static string[] Fields(Result<SlaPolicySpec> result) => [.. result.Errors.Select(e => e.Field!)];

    [Fact]
    public void Validate_ValidBody_BuildsThePolicyWithCompactConditions()
    {
        var spec = Validate(Valid).Value!;
        spec.Name.ShouldBe("Gold");
        spec.Position.ShouldBeNull();
        spec.Conditions.ShouldBe("""{"priority":{"eq":"urgent"}}""");
        var calendar = spec.Policy.Calendar;
        calendar.TimeZoneId.ShouldBe("America/New_York");
        calendar.WeeklyHours[DayOfWeek.Monday].ShouldBe([new(TimeSpan.FromHours(8), TimeSpan.FromHours(12)), new(TimeSpan.FromHours(13), TimeSpan.FromHours(24))]);
        calendar.WeeklyHours[DayOfWeek.Tuesday].ShouldBeEmpty();
        calendar.Holidays.ShouldBe([new DateOnly(2026, 7, 3)]);
        spec.Policy.TargetsFor(TicketPriority.High).ShouldBe(SlaTargets.Create(60, 480));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("{}")]
    public void Validate_NoConditions_MatchesEveryTicket(string conditions)
        => Validate(Valid, b => b["conditions"] = JsonNode.Parse(conditions)).Value!.Conditions.ShouldBeNull();

    [Fact]
    public void Validate_InvalidCalendar_StillReportsMissingTargets()
    {
        var result = Validate(Valid, b =>
        {
            b["calendar"]!["timeZone"] = "Pacific/Nowhere";
            b["targets"]!.AsObject().Remove("low");
        });
        Fields(result).ShouldBe(["calendar.timeZone", "targets.low"]);
    }

    [Fact]
    public void Validate_InvalidTarget_IsReportedOnceForItsPriority()
    {
        var result = Validate(Valid, b =>
        {
            b["targets"]!["high"] = new JsonObject { ["firstResponseMinutes"] = 0 };
        });
        Fields(result).ShouldBe(["targets.high.resolutionMinutes"]);
        var both = Validate(Valid, b => b["targets"]!["high"] = new JsonObject { ["firstResponseMinutes"] = 0, ["resolutionMinutes"] = -1 });
        Fields(both).ShouldBe(["targets.high.firstResponseMinutes", "targets.high.resolutionMinutes"]);
    }

    [Fact]
    public void Validate_UnreadableTimes_DoNotAlsoReportAnEmptyWeek()
    {
        var result = Validate(Valid, b => b["calendar"]!["weeklyHours"] = JsonNode.Parse("""{"monday":[{"start":"9","end":"17:00"}]}"""));
        Fields(result).ShouldBe(["calendar.weeklyHours.monday[0].start"]);
    }

    [Fact]
    public void Validate_TooManyHolidays_IsRefused()
    {
        var result = Validate(Valid, b => b["calendar"]!["holidays"] = new JsonArray(
            [.. Enumerable.Range(0, SlaPolicyValidator.HolidaysMax + 1).Select(i => JsonValue.Create(new DateOnly(2026, 1, 1).AddDays(i).ToString("yyyy-MM-dd")))]));
        Fields(result).ShouldBe(["calendar.holidays"]);
    }
}
