namespace CrmApi.Application.SlaPolicies;

/// <summary>A week of opening hours: per weekday its intervals in order, which may touch but not overlap.</summary>
public sealed class WeeklyHoursInput
{
    public List<OpeningHoursInput?>? Monday { get; init; }
    public List<OpeningHoursInput?>? Tuesday { get; init; }
    public List<OpeningHoursInput?>? Wednesday { get; init; }
    public List<OpeningHoursInput?>? Thursday { get; init; }
    public List<OpeningHoursInput?>? Friday { get; init; }
    public List<OpeningHoursInput?>? Saturday { get; init; }
    public List<OpeningHoursInput?>? Sunday { get; init; }

    /// <summary>The days given, Monday first.</summary>
    public IEnumerable<(DayOfWeek Day, List<OpeningHoursInput?> Intervals)> Days()
    {
        (DayOfWeek, List<OpeningHoursInput?>?)[] week =
        [
            (DayOfWeek.Monday, Monday), (DayOfWeek.Tuesday, Tuesday), (DayOfWeek.Wednesday, Wednesday), (DayOfWeek.Thursday, Thursday),
            (DayOfWeek.Friday, Friday), (DayOfWeek.Saturday, Saturday), (DayOfWeek.Sunday, Sunday),
        ];
        foreach (var (day, intervals) in week)
        {
            if (intervals is not null) yield return (day, intervals);
        }
    }
}
