using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmApi.Domain.Tickets;

/// <summary>
/// How an <see cref="SlaPolicy"/> is kept in <see cref="SlaPolicyDefinition"/>'s text columns: the shapes the API shows,
/// written compactly and in a fixed order so that equal policies give equal text.
/// </summary>
internal static class SlaPolicyJson
{
    private static readonly DayOfWeek[] Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public static (string TimeZone, string WeeklyHours, string Holidays, string Targets) Write(SlaPolicy policy)
    {
        var calendar = policy.Calendar;
        var hours = new JsonObject();
        foreach (var day in Week)
        {
            if (calendar.WeeklyHours[day] is not { Count: > 0 } intervals) continue;
            hours[Name(day)] = new JsonArray([.. intervals.Select(i => new JsonObject
            {
                ["start"] = OpeningInterval.Format(i.Start),
                ["end"] = OpeningInterval.Format(i.End),
            })]);
        }
        var holidays = new JsonArray([.. calendar.Holidays.Select(d => JsonValue.Create(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))]);
        var targets = new JsonObject();
        foreach (var priority in Enum.GetValues<TicketPriority>())
        {
            var t = policy.TargetsFor(priority);
            targets[Name(priority)] = new JsonObject
            {
                ["firstResponseMinutes"] = t.FirstResponseMinutes,
                ["resolutionMinutes"] = t.ResolutionMinutes,
            };
        }
        return (calendar.TimeZoneId, hours.ToJsonString(), holidays.ToJsonString(), targets.ToJsonString());
    }

    /// <summary>Builds the policy from stored text, which <see cref="Write"/> produced from a valid policy.</summary>
    public static SlaPolicy Read(string timeZone, string weeklyHours, string holidays, string targets)
    {
        var hours = new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>>();
        var days = JsonNode.Parse(weeklyHours)!.AsObject();
        foreach (var day in Week)
        {
            if (days[Name(day)] is not JsonArray intervals) continue;
            hours[day] = [.. intervals.Select(i => new OpeningInterval(Time(i!["start"]!), Time(i["end"]!)))];
        }
        var dates = JsonSerializer.Deserialize<List<DateOnly>>(holidays) ?? [];
        var calendar = BusinessCalendar.Create(timeZone, hours, dates);

        var byPriority = JsonNode.Parse(targets)!.AsObject();
        var perPriority = Enum.GetValues<TicketPriority>().ToDictionary(p => p, p =>
        {
            var t = byPriority[Name(p)]!;
            return SlaTargets.Create(t["firstResponseMinutes"]!.GetValue<int>(), t["resolutionMinutes"]!.GetValue<int>());
        });
        return SlaPolicy.Create(calendar, perPriority);
    }

    /// <summary>The lower-case English name clients use for a weekday: <c>monday</c>.</summary>
    public static string Name(DayOfWeek day) => day.ToString().ToLowerInvariant();

    /// <summary>The lower-case name clients use for a priority: <c>urgent</c>.</summary>
    public static string Name(TicketPriority priority) => priority.ToString().ToLowerInvariant();

    private static TimeSpan Time(JsonNode node)
        => OpeningInterval.TryParseTime(node.GetValue<string>(), out var time)
            ? time
            : throw new FormatException($"'{node}' is not a stored time of day.");
}
