using CrmApi.Domain.Tickets;

namespace CrmApi.Domain.Tests.Tickets;

public sealed class BusinessCalendarValidationTests
{
    [Theory]
    [InlineData("Mars/Olympus", "mon-fri 09:00-17:00", "timeZone")]
    [InlineData("", "mon-fri 09:00-17:00", "timeZone")]
    [InlineData("europe/berlin", "mon-fri 09:00-17:00", "timeZone")] // ids are case-sensitive
    [InlineData("W. Europe Standard Time", "mon-fri 09:00-17:00", "timeZone")] // Windows ids need ICU, which the app runs without
    [InlineData("Europe/Berlin", "mon 17:00-09:00", "weeklyHours.monday[0]")] // start after end
    [InlineData("Europe/Berlin", "tue 09:00-09:00", "weeklyHours.tuesday[0]")] // start equal to end
    [InlineData("Europe/Berlin", "wed 09:00-12:30,12:00-17:00", "weeklyHours.wednesday[1]")] // overlapping
    [InlineData("Europe/Berlin", "thu 13:30-17:00,09:00-12:30", "weeklyHours.thursday[1]")] // out of order
    [InlineData("Europe/Berlin", "fri 09:00-17:00,10:00-11:00", "weeklyHours.friday[1]")] // inside another
    [InlineData("Europe/Berlin", "sat -01:00-10:00", "weeklyHours.saturday[0].start")] // before 00:00
    [InlineData("Europe/Berlin", "sun 09:00-24:30", "weeklyHours.sunday[0].end")] // after 24:00
    [InlineData("Europe/Berlin", "mon 09:00-17:00,18:00-25:00", "weeklyHours.monday[1].end")]
    [InlineData("Europe/Berlin", "", "weeklyHours")] // no hours at all
    [InlineData("Europe/Berlin", "mon-sun", "weeklyHours")] // every day listed, none open
    public void TryCreate_rejects_a_bad_calendar_naming_the_field(string zone, string week, string field)
    {
        BusinessCalendar.TryCreate(zone, TestCalendars.Week(week), null, out var calendar, out var errors).ShouldBeFalse();
        calendar.ShouldBeNull();
        errors.Select(e => e.Field).ShouldBe([field]);
        errors.Single().Message.ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("mon 00:00-24:00")] // a whole day
    [InlineData("mon 09:00-12:00,12:00-17:00")] // touching intervals
    [InlineData("mon-fri 09:00-12:30,13:30-17:00; sat 10:00-14:00")]
    [InlineData("sun 23:59-24:00")]
    public void TryCreate_accepts_a_good_calendar(string week)
    {
        BusinessCalendar.TryCreate("Europe/Berlin", TestCalendars.Week(week), [new DateOnly(2026, 12, 25)], out var calendar, out var errors)
            .ShouldBeTrue();
        errors.ShouldBeEmpty();
        calendar!.TimeZoneId.ShouldBe("Europe/Berlin");
        calendar.Holidays.ShouldBe([new DateOnly(2026, 12, 25)]);
    }

    [Fact]
    public void TryCreate_reports_every_problem_at_once()
    {
        BusinessCalendar.TryCreate("Nowhere/Town", TestCalendars.Week("mon 10:00-09:00,-02:00-26:00"), null, out _, out var errors)
            .ShouldBeFalse();
        errors.Select(e => e.Field).ShouldBe(
            ["timeZone", "weeklyHours.monday[0]", "weeklyHours.monday[1].start", "weeklyHours.monday[1].end"]);
    }

    [Fact]
    public void TryCreate_rejects_missing_hours_and_an_unknown_weekday()
    {
        BusinessCalendar.TryCreate("Europe/Berlin", null, null, out _, out var none).ShouldBeFalse();
        none.Select(e => e.Field).ShouldBe(["weeklyHours"]);

        var week = new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>>
        {
            [DayOfWeek.Monday] = [TestCalendars.Interval("09:00-17:00")],
            [(DayOfWeek)7] = [TestCalendars.Interval("09:00-17:00")],
        };
        BusinessCalendar.TryCreate("Europe/Berlin", week, null, out _, out var unknown).ShouldBeFalse();
        unknown.Single().Message.ShouldContain("weekday 7");
    }

    [Fact]
    public void A_zone_id_in_the_wrong_case_is_rejected_even_once_the_right_one_is_loaded()
    {
        // .NET's zone cache ignores case, so without the exact-id check this would pass or fail by test order.
        BusinessCalendar.Create("Europe/Berlin", TestCalendars.Week("mon 09:00-17:00"));
        BusinessCalendar.TryCreate("EUROPE/BERLIN", TestCalendars.Week("mon 09:00-17:00"), null, out _, out var errors).ShouldBeFalse();
        errors.Single().Message.ShouldContain("did you mean 'Europe/Berlin'");
    }

    [Fact]
    public void Create_throws_with_the_messages()
        => Should.Throw<ArgumentException>(() => BusinessCalendar.Create("Mars/Olympus", TestCalendars.Week("")))
            .Message.ShouldContain("timeZone: 'Mars/Olympus' is not a known IANA time zone id");

    [Fact]
    public void Messages_say_what_is_wrong()
    {
        BusinessCalendar.TryCreate("Europe/Berlin", TestCalendars.Week("wed 09:00-12:30,12:00-17:00; thu 17:00-09:00"), null, out _, out var errors);
        errors.Select(e => e.Message).ShouldBe(
        [
            "Overlaps the interval listed ahead of it (09:00–12:30).",
            "Starts at 17:00, which is not before its end 09:00.",
        ]);
    }

    [Fact]
    public void Calendars_with_the_same_zone_hours_and_holidays_are_equal()
    {
        var a = BusinessCalendar.Create("Europe/Berlin", TestCalendars.Week("mon-fri 09:00-17:00"), [new DateOnly(2026, 1, 1)]);
        var b = BusinessCalendar.Create("Europe/Berlin", TestCalendars.Week("mon-fri 09:00-17:00"), [new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 1)]);
        var c = BusinessCalendar.Create("Europe/Berlin", TestCalendars.Week("mon-fri 09:00-17:00"));
        a.ShouldBe(b);
        a.GetHashCode().ShouldBe(b.GetHashCode());
        a.ShouldNotBe(c);
        a.OpenTimePerWeek.ShouldBe(TimeSpan.FromHours(40));
        a.WeeklyHours[DayOfWeek.Saturday].ShouldBeEmpty();
    }

    /// <summary>
    /// The app sets InvariantGlobalization, which this test project inherits: IANA ids still resolve, because .NET
    /// reads them from /usr/share/zoneinfo without ICU (only Windows-id conversion needs ICU).
    /// </summary>
    [Theory]
    [InlineData("Europe/Berlin")]
    [InlineData("America/New_York")]
    [InlineData("Asia/Kolkata")]
    [InlineData("UTC")]
    public void IANA_ids_resolve_in_invariant_globalization_mode(string zone)
    {
        AppContext.TryGetSwitch("System.Globalization.Invariant", out var invariant).ShouldBeTrue();
        invariant.ShouldBeTrue();
        BusinessCalendar.Create(zone, TestCalendars.Week("mon 09:00-17:00")).TimeZoneId.ShouldBe(zone);
    }
}
