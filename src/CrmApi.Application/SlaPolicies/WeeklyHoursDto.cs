using CrmApi.Domain.Tickets;

namespace CrmApi.Application.SlaPolicies;

/// <summary>The opening intervals of each weekday in local time, in order; a closed day has none.</summary>
public sealed record WeeklyHoursDto(
    IReadOnlyList<OpeningHoursDto> Monday,
    IReadOnlyList<OpeningHoursDto> Tuesday,
    IReadOnlyList<OpeningHoursDto> Wednesday,
    IReadOnlyList<OpeningHoursDto> Thursday,
    IReadOnlyList<OpeningHoursDto> Friday,
    IReadOnlyList<OpeningHoursDto> Saturday,
    IReadOnlyList<OpeningHoursDto> Sunday)
{
    public static WeeklyHoursDto From(IReadOnlyDictionary<DayOfWeek, IReadOnlyList<OpeningInterval>> week)
    {
        List<OpeningHoursDto> Day(DayOfWeek d) => [.. week[d].Select(OpeningHoursDto.From)];
        return new(Day(DayOfWeek.Monday), Day(DayOfWeek.Tuesday), Day(DayOfWeek.Wednesday), Day(DayOfWeek.Thursday),
            Day(DayOfWeek.Friday), Day(DayOfWeek.Saturday), Day(DayOfWeek.Sunday));
    }
}
