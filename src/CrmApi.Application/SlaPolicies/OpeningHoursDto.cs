using CrmApi.Domain.Tickets;

namespace CrmApi.Application.SlaPolicies;

/// <summary>An opening interval, <c>HH:mm</c> to <c>HH:mm</c> local time (end exclusive; <c>24:00</c> ends the day).</summary>
public sealed record OpeningHoursDto(string Start, string End)
{
    public static OpeningHoursDto From(OpeningInterval i) => new(OpeningInterval.Format(i.Start), OpeningInterval.Format(i.End));
}
