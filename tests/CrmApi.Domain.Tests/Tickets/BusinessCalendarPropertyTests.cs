using CrmApi.Domain.Tickets;

namespace CrmApi.Domain.Tests.Tickets;

/// <summary>
/// Laws that tie the calendar's methods together, checked over seeded random starts and amounts in every test calendar
/// (daylight-saving days, holidays and split days included). The seed is fixed, so a failure always reproduces.
/// </summary>
public sealed class BusinessCalendarPropertyTests
{
    private const int Samples = 400;
    private static readonly DateTimeOffset YearStart = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Calendars => [.. TestCalendars.Names];

    [Theory]
    [MemberData(nameof(Calendars))]
    public void BusinessTimeBetween_undoes_AddBusinessMinutes(string name) => ForSamples(name, (calendar, random) =>
    {
        var start = RandomInstant(random);
        var minutes = random.Next(0, 20_000);
        var due = calendar.AddBusinessMinutes(start, minutes);
        calendar.BusinessTimeBetween(start, due).ShouldBe(TimeSpan.FromMinutes(minutes), $"start {start:O}, {minutes} minutes");
        // The due instant is the end of open time, not some later opening.
        if (minutes > 0) calendar.IsOpen(due.AddTicks(-1)).ShouldBeTrue($"start {start:O}, {minutes} minutes, due {due:O}");
    });

    [Theory]
    [MemberData(nameof(Calendars))]
    public void IsOpen_agrees_with_the_open_time_counted(string name) => ForSamples(name, (calendar, random) =>
    {
        var at = RandomInstant(random);
        var counted = calendar.BusinessTimeBetween(at, at.AddTicks(1)) == TimeSpan.FromTicks(1);
        calendar.IsOpen(at).ShouldBe(counted, $"at {at:O}");
    });

    [Theory]
    [MemberData(nameof(Calendars))]
    public void BusinessTimeBetween_adds_up_over_a_split_point(string name) => ForSamples(name, (calendar, random) =>
    {
        // Spans of up to three months: long enough to cross weekends, holidays and clock changes, short enough to run fast.
        var a = RandomInstant(random);
        var b = a.AddSeconds(random.Next(0, 45 * 24 * 3600));
        var c = b.AddSeconds(random.Next(0, 45 * 24 * 3600));
        (calendar.BusinessTimeBetween(a, b) + calendar.BusinessTimeBetween(b, c))
            .ShouldBe(calendar.BusinessTimeBetween(a, c), $"{a:O} {b:O} {c:O}");
        calendar.BusinessTimeBetween(c, a).ShouldBe(-calendar.BusinessTimeBetween(a, c));
    });

    private static void ForSamples(string name, Action<BusinessCalendar, Random> check)
    {
        var calendar = TestCalendars.Get(name);
        var random = new Random(42);
        for (var i = 0; i < Samples; i++) check(calendar, random);
    }

    /// <summary>An instant in 2026, to the second, so both daylight-saving changes of both zones are in range.</summary>
    private static DateTimeOffset RandomInstant(Random random) => YearStart.AddSeconds(random.Next(0, 365 * 24 * 3600));
}
