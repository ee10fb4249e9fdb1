using System.Globalization;
using CrmApi.Domain.Tickets;

namespace CrmApi.Domain.Tests.Tickets;

/// <summary>
/// The calendars the tables refer to by name, and a compact notation for weekly hours
/// (<c>mon-fri 09:00-12:30,13:30-17:00; sat 10:00-14:00</c>) so intervals fit in <c>InlineData</c>.
/// </summary>
internal static class TestCalendars
{
    private static readonly DateOnly[] BerlinHolidays =
        [new(2026, 4, 3), new(2026, 4, 6), new(2026, 12, 24), new(2026, 12, 25)]; // Good Friday, Easter Monday, Christmas
    private static readonly DateOnly[] NewYorkHolidays =
        [new(2026, 7, 3), new(2026, 11, 26)]; // Independence Day (observed), Thanksgiving

    private static readonly Dictionary<string, BusinessCalendar> ByName = new()
    {
        ["berlin"] = BusinessCalendar.Create("Europe/Berlin", Week("mon-fri 09:00-17:00"), BerlinHolidays),
        ["berlin-split"] = BusinessCalendar.Create("Europe/Berlin", Week("mon-fri 09:00-12:30,13:30-17:00")),
        ["berlin-24x7"] = BusinessCalendar.Create("Europe/Berlin", Week("mon-sun 00:00-24:00")),
        // Intervals with a bound inside the hour that daylight saving skips or repeats.
        ["berlin-0230-0400"] = BusinessCalendar.Create("Europe/Berlin", Week("mon-sun 02:30-04:00")),
        ["berlin-0100-0230"] = BusinessCalendar.Create("Europe/Berlin", Week("mon-sun 01:00-02:30")),
        ["new-york"] = BusinessCalendar.Create("America/New_York", Week("mon-fri 09:00-17:00"), NewYorkHolidays),
        ["new-york-24x7"] = BusinessCalendar.Create("America/New_York", Week("mon-sun 00:00-24:00")),
        ["new-york-0130-0300"] = BusinessCalendar.Create("America/New_York", Week("mon-sun 01:30-03:00")),
        // Odd zones: Chile changes clocks at midnight, Lord Howe by 30 minutes, and Samoa skipped 2011-12-30 entirely.
        ["santiago-24x7"] = BusinessCalendar.Create("America/Santiago", Week("mon-sun 00:00-24:00")),
        ["lord-howe-24x7"] = BusinessCalendar.Create("Australia/Lord_Howe", Week("mon-sun 00:00-24:00")),
        ["apia-24x7"] = BusinessCalendar.Create("Pacific/Apia", Week("mon-sun 00:00-24:00")),
    };

    public static IEnumerable<string> Names => ByName.Keys;

    public static BusinessCalendar Get(string name) => ByName[name];

    /// <summary>Parses <c>mon-fri 09:00-17:00; sat 10:00-14:00</c>; an empty string is a week with no hours at all.</summary>
    public static Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>> Week(string spec)
    {
        var week = new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>>();
        foreach (var part in spec.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (days, intervals) = (part.Split(' ', 2)[0], part.Split(' ', 2) is [_, var rest] ? rest : "");
            var parsed = intervals.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(Interval).ToArray();
            foreach (var day in Days(days)) week[day] = parsed;
        }
        return week;
    }

    /// <summary><c>09:00-17:00</c>; times may be negative or past 24:00 so that tests can feed bad ones.</summary>
    public static OpeningInterval Interval(string spec)
    {
        // A leading minus belongs to the start time, so split on the dash that follows a digit.
        var dash = spec.IndexOf('-', 1);
        return new OpeningInterval(Time(spec[..dash]), Time(spec[(dash + 1)..]));
    }

    private static TimeSpan Time(string hhmm)
    {
        var negative = hhmm.StartsWith('-');
        var parts = hhmm.TrimStart('-').Split(':');
        var t = TimeSpan.FromHours(int.Parse(parts[0], CultureInfo.InvariantCulture))
            + TimeSpan.FromMinutes(int.Parse(parts[1], CultureInfo.InvariantCulture));
        return negative ? -t : t;
    }

    private static IEnumerable<DayOfWeek> Days(string spec)
    {
        string[] names = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
        if (spec.Split('-') is [var from, var to])
        {
            // Weeks here run Monday to Sunday, so "mon-sun" is every day.
            var order = new[] { 1, 2, 3, 4, 5, 6, 0 };
            var start = Array.IndexOf(order, Array.IndexOf(names, from));
            var end = Array.IndexOf(order, Array.IndexOf(names, to));
            return order[start..(end + 1)].Select(d => (DayOfWeek)d);
        }
        return [(DayOfWeek)Array.IndexOf(names, spec)];
    }
}
