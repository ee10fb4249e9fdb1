using CrmApi.Domain.Tickets;
using static CrmApi.Domain.Tests.Tickets.Iso;

namespace CrmApi.Domain.Tests.Tickets;

/// <summary>
/// AddBusinessMinutes against hand-computed instants. Calendars are in <see cref="TestCalendars"/>: "berlin" and
/// "new-york" are Mon–Fri 09:00–17:00 with holidays; 2026-01-13 is a Tuesday. Berlin springs forward on 2026-03-29
/// (02:00 CET → 03:00 CEST, 01:00Z) and falls back on 2026-10-25 (03:00 CEST → 02:00 CET, 01:00Z); New York springs
/// forward on 2026-03-08 (02:00 EST → 03:00 EDT, 07:00Z) and falls back on 2026-11-01 (02:00 EDT → 01:00 EST, 06:00Z).
/// </summary>
public sealed class BusinessCalendarAddTests
{
    [Theory]
    // Within a day
    [InlineData("berlin", "2026-06-02T10:00+02:00", 60, "2026-06-02T11:00+02:00")]
    [InlineData("berlin", "2026-01-13T09:00+01:00", 480, "2026-01-13T17:00+01:00")] // a full day ends at the closing, not the next opening
    [InlineData("berlin", "2026-01-13T16:59+01:00", 1, "2026-01-13T17:00+01:00")]
    // Across a night
    [InlineData("berlin", "2026-01-13T16:00+01:00", 120, "2026-01-14T10:00+01:00")]
    [InlineData("berlin", "2026-01-13T16:30+01:00", 480, "2026-01-14T16:30+01:00")]
    // Across a weekend
    [InlineData("berlin", "2026-01-16T16:00+01:00", 120, "2026-01-19T10:00+01:00")]
    [InlineData("berlin", "2026-01-16T10:00+01:00", 960, "2026-01-20T10:00+01:00")]
    // Across holidays: Good Friday and Easter Monday around a weekend; Christmas Eve and Day; US holidays
    [InlineData("berlin", "2026-04-02T16:00+02:00", 120, "2026-04-07T10:00+02:00")]
    [InlineData("berlin", "2026-12-23T12:00+01:00", 600, "2026-12-28T14:00+01:00")]
    [InlineData("new-york", "2026-07-02T15:00-04:00", 180, "2026-07-06T10:00-04:00")]
    [InlineData("new-york", "2026-11-25T16:00-05:00", 120, "2026-11-27T10:00-05:00")]
    // Start outside hours: counting starts at the next opening
    [InlineData("berlin", "2026-01-13T07:30+01:00", 30, "2026-01-13T09:30+01:00")] // before opening
    [InlineData("berlin", "2026-01-13T18:00+01:00", 30, "2026-01-14T09:30+01:00")] // after closing
    [InlineData("berlin", "2026-01-17T12:00+01:00", 60, "2026-01-19T10:00+01:00")] // Saturday
    [InlineData("berlin", "2026-04-03T10:00+02:00", 15, "2026-04-07T09:15+02:00")] // on a holiday before a weekend and a holiday
    [InlineData("berlin", "2026-01-19T00:00+01:00", 1, "2026-01-19T09:01+01:00")] // Monday midnight
    // Exact boundaries: an opening counts, a closing does not
    [InlineData("berlin", "2026-01-13T09:00+01:00", 1, "2026-01-13T09:01+01:00")]
    [InlineData("berlin", "2026-01-13T17:00+01:00", 1, "2026-01-14T09:01+01:00")]
    [InlineData("berlin", "2026-01-16T17:00+01:00", 60, "2026-01-19T10:00+01:00")]
    [InlineData("berlin", "2026-01-17T12:00+01:00", 0, "2026-01-17T12:00+01:00")] // zero minutes is the start itself
    // Round-the-clock calendars
    [InlineData("berlin-24x7", "2026-01-17T22:00+01:00", 180, "2026-01-18T01:00+01:00")]
    [InlineData("berlin-24x7", "2026-01-13T00:00+01:00", 4320, "2026-01-16T00:00+01:00")]
    [InlineData("new-york-24x7", "2026-01-16T23:30-05:00", 60, "2026-01-17T00:30-05:00")]
    // Split days (lunch 12:30–13:30)
    [InlineData("berlin-split", "2026-01-13T12:00+01:00", 60, "2026-01-13T14:00+01:00")]
    [InlineData("berlin-split", "2026-01-13T12:45+01:00", 30, "2026-01-13T14:00+01:00")] // starts during lunch
    [InlineData("berlin-split", "2026-01-13T12:30+01:00", 30, "2026-01-13T14:00+01:00")] // starts exactly at lunch
    [InlineData("berlin-split", "2026-01-13T11:00+01:00", 420, "2026-01-14T11:00+01:00")]
    [InlineData("berlin-split", "2026-01-13T16:45+01:00", 225, "2026-01-14T12:30+01:00")] // ends exactly at lunch
    // Berlin spring forward, 2026-03-29: the local day has 23 hours
    [InlineData("berlin-24x7", "2026-03-29T01:30+01:00", 60, "2026-03-29T03:30+02:00")]
    [InlineData("berlin-24x7", "2026-03-29T00:00+01:00", 1440, "2026-03-30T01:00+02:00")]
    [InlineData("berlin", "2026-03-27T16:00+01:00", 120, "2026-03-30T10:00+02:00")]
    [InlineData("berlin-0230-0400", "2026-03-29T00:00+01:00", 60, "2026-03-29T04:00+02:00")] // 02:30 does not exist: opens at 03:00 CEST
    [InlineData("berlin-0230-0400", "2026-03-29T00:00+01:00", 61, "2026-03-30T02:31+02:00")]
    [InlineData("berlin-0100-0230", "2026-03-29T00:00+01:00", 90, "2026-03-30T01:30+02:00")] // closes at the jump, after 60 minutes
    // Berlin fall back, 2026-10-25: the local day has 25 hours and 02:00–03:00 happens twice
    [InlineData("berlin-24x7", "2026-10-25T02:30+02:00", 60, "2026-10-25T02:30+01:00")]
    [InlineData("berlin-24x7", "2026-10-25T00:00+02:00", 1440, "2026-10-25T23:00+01:00")]
    [InlineData("berlin", "2026-10-23T16:00+02:00", 120, "2026-10-26T10:00+01:00")]
    [InlineData("berlin-0230-0400", "2026-10-25T00:00+02:00", 30, "2026-10-25T03:00+02:00")] // first pass 02:30–03:00 CEST
    [InlineData("berlin-0230-0400", "2026-10-25T00:00+02:00", 31, "2026-10-25T02:31+01:00")] // 02:00–02:30 CET is closed again
    [InlineData("berlin-0230-0400", "2026-10-25T00:00+02:00", 120, "2026-10-25T04:00+01:00")]
    [InlineData("berlin-0100-0230", "2026-10-25T00:00+02:00", 100, "2026-10-25T02:10+01:00")]
    // New York spring forward, 2026-03-08
    [InlineData("new-york-24x7", "2026-03-08T01:30-05:00", 60, "2026-03-08T03:30-04:00")]
    [InlineData("new-york-24x7", "2026-03-08T00:00-05:00", 1440, "2026-03-09T01:00-04:00")]
    [InlineData("new-york", "2026-03-06T16:00-05:00", 120, "2026-03-09T10:00-04:00")]
    [InlineData("new-york-0130-0300", "2026-03-08T00:00-05:00", 45, "2026-03-09T01:45-04:00")] // 01:30–02:00 EST only, then Monday
    // New York fall back, 2026-11-01: 01:00–02:00 happens twice
    [InlineData("new-york-24x7", "2026-11-01T01:30-04:00", 60, "2026-11-01T01:30-05:00")]
    [InlineData("new-york-24x7", "2026-11-01T00:00-04:00", 1440, "2026-11-01T23:00-05:00")]
    [InlineData("new-york", "2026-10-30T16:00-04:00", 120, "2026-11-02T10:00-05:00")]
    [InlineData("new-york-0130-0300", "2026-11-01T00:00-04:00", 60, "2026-11-01T02:00-05:00")] // 01:30–02:00 EDT, then 01:30 EST on
    // Chile springs forward at midnight (2026-09-06 starts at 01:00); Lord Howe by half an hour (2026-10-04, 02:00 → 02:30)
    [InlineData("santiago-24x7", "2026-09-05T23:30-04:00", 60, "2026-09-06T01:30-03:00")]
    [InlineData("lord-howe-24x7", "2026-10-04T01:45+10:30", 30, "2026-10-04T02:45+11:00")]
    // The same instant in two zones: 16:00 in Berlin (an hour before closing), 10:00 in New York
    [InlineData("berlin", "2026-01-13T15:00+00:00", 120, "2026-01-14T10:00+01:00")]
    [InlineData("new-york", "2026-01-13T15:00+00:00", 120, "2026-01-13T12:00-05:00")]
    // Large targets: 10,000 minutes = 20 business days and 6h40
    [InlineData("berlin", "2026-01-05T09:00+01:00", 10000, "2026-02-02T15:40+01:00")]
    [InlineData("new-york", "2026-01-05T09:00-05:00", 10000, "2026-02-02T15:40-05:00")]
    [InlineData("berlin-24x7", "2026-01-01T00:00+01:00", 10000, "2026-01-07T22:40+01:00")]
    [InlineData("berlin", "2026-03-02T09:00+01:00", 14400, "2026-04-14T17:00+02:00")] // 30 days, over the DST change and Easter
    public void AddBusinessMinutes_returns_the_hand_computed_instant(string calendar, string start, int minutes, string expected)
    {
        var due = TestCalendars.Get(calendar).AddBusinessMinutes(At(start), minutes);
        due.ShouldBe(At(expected));
        due.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void AddBusinessMinutes_rejects_a_negative_amount()
        => Should.Throw<ArgumentOutOfRangeException>(() => TestCalendars.Get("berlin").AddBusinessMinutes(At("2026-01-13T10:00+01:00"), -1));

    [Fact]
    public void AddBusinessTime_keeps_seconds()
        => TestCalendars.Get("berlin").AddBusinessTime(At("2026-01-13T16:59:30+01:00"), TimeSpan.FromMinutes(1))
            .ShouldBe(At("2026-01-14T09:00:30+01:00"));
}
