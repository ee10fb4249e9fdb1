namespace CrmApi.Application.SlaPolicies;

/// <summary>
/// When the desk is open: an IANA time zone, opening hours per weekday in its local time (days left out are closed),
/// and holidays (local dates closed all day).
/// </summary>
public sealed class SlaCalendarInput
{
    public string? TimeZone { get; init; }
    public WeeklyHoursInput? WeeklyHours { get; init; }
    public List<DateOnly>? Holidays { get; init; }
}
