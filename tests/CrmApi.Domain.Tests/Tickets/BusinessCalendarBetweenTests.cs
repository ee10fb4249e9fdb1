using static CrmApi.Domain.Tests.Tickets.Iso;

namespace CrmApi.Domain.Tests.Tickets;

/// <summary>BusinessTimeBetween against hand-computed durations (calendars and DST dates as in <see cref="BusinessCalendarAddTests"/>).</summary>
public sealed class BusinessCalendarBetweenTests
{
    [Theory]
    [InlineData("berlin", "2026-01-13T10:00+01:00", "2026-01-13T11:00+01:00", 60)]
    [InlineData("berlin", "2026-01-13T16:00+01:00", "2026-01-14T10:00+01:00", 120)] // across a night
    [InlineData("berlin", "2026-01-16T16:00+01:00", "2026-01-19T10:00+01:00", 120)] // across a weekend
    [InlineData("berlin", "2026-01-17T10:00+01:00", "2026-01-18T20:00+01:00", 0)] // inside a weekend
    [InlineData("berlin", "2026-04-02T16:00+02:00", "2026-04-07T10:00+02:00", 120)] // across Easter holidays
    [InlineData("berlin", "2026-01-13T10:00+01:00", "2026-01-13T10:00+01:00", 0)] // empty
    [InlineData("berlin", "2026-01-14T10:00+01:00", "2026-01-13T16:00+01:00", -120)] // backwards is negative
    [InlineData("berlin", "2026-01-13T09:00:00+01:00", "2026-01-13T09:00:30+01:00", 0.5)]
    [InlineData("berlin", "2026-01-05T09:00+01:00", "2026-02-02T15:40+01:00", 10000)]
    [InlineData("berlin-split", "2026-01-13T12:00+01:00", "2026-01-13T14:00+01:00", 60)] // over lunch
    // Whole local days on daylight-saving changes
    [InlineData("berlin-24x7", "2026-03-29T00:00+01:00", "2026-03-30T00:00+02:00", 1380)]
    [InlineData("berlin-24x7", "2026-10-25T00:00+02:00", "2026-10-26T00:00+01:00", 1500)]
    [InlineData("berlin-0230-0400", "2026-03-29T00:00+01:00", "2026-03-30T00:00+02:00", 60)]
    [InlineData("berlin-0230-0400", "2026-10-25T00:00+02:00", "2026-10-26T00:00+01:00", 120)]
    [InlineData("berlin-0100-0230", "2026-03-29T00:00+01:00", "2026-03-30T00:00+02:00", 60)]
    [InlineData("berlin-0100-0230", "2026-10-25T00:00+02:00", "2026-10-26T00:00+01:00", 120)]
    [InlineData("new-york-24x7", "2026-03-08T00:00-05:00", "2026-03-09T00:00-04:00", 1380)]
    [InlineData("new-york-24x7", "2026-11-01T00:00-04:00", "2026-11-02T00:00-05:00", 1500)]
    [InlineData("new-york-0130-0300", "2026-03-08T00:00-05:00", "2026-03-09T00:00-04:00", 30)]
    [InlineData("new-york-0130-0300", "2026-11-01T00:00-04:00", "2026-11-02T00:00-05:00", 120)]
    [InlineData("santiago-24x7", "2026-09-05T00:00-04:00", "2026-09-07T00:00-03:00", 2820)] // Sunday has 23 hours from 01:00
    [InlineData("santiago-24x7", "2026-04-04T00:00-03:00", "2026-04-05T00:00-04:00", 1500)] // Saturday repeats 23:00–24:00
    [InlineData("lord-howe-24x7", "2026-10-04T00:00+10:30", "2026-10-05T00:00+11:00", 1410)]
    [InlineData("apia-24x7", "2011-12-29T00:00-10:00", "2012-01-01T00:00+14:00", 2880)] // 2011-12-30 never happened in Samoa
    // Inside the repeated hour: only the part the interval covers on each pass counts
    [InlineData("berlin-0230-0400", "2026-10-25T02:45+02:00", "2026-10-25T02:45+01:00", 30)] // 02:45–03:00 CEST and 02:30–02:45 CET; 02:00–02:30 CET is closed
    // The same two instants in two zones
    [InlineData("berlin", "2026-01-13T15:00+00:00", "2026-01-13T20:00+00:00", 60)]
    [InlineData("new-york", "2026-01-13T15:00+00:00", "2026-01-13T20:00+00:00", 300)]
    public void BusinessTimeBetween_returns_the_hand_computed_duration(string calendar, string from, string to, double minutes)
        => TestCalendars.Get(calendar).BusinessTimeBetween(At(from), At(to)).ShouldBe(TimeSpan.FromMinutes(minutes));
}
