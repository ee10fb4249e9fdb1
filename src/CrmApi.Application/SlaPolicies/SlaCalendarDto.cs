using CrmApi.Domain.Tickets;

namespace CrmApi.Application.SlaPolicies;

/// <summary>A policy's business calendar: its IANA time zone, opening hours of every weekday (empty: closed) and holidays in order.</summary>
public sealed record SlaCalendarDto(string TimeZone, WeeklyHoursDto WeeklyHours, IReadOnlyList<DateOnly> Holidays)
{
    public static SlaCalendarDto From(BusinessCalendar c) => new(c.TimeZoneId, WeeklyHoursDto.From(c.WeeklyHours), c.Holidays);
}
