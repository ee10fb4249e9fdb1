namespace CrmApi.Domain.Tickets;

/// <summary>
/// A stretch of local wall-clock time on a weekday when the desk is open, from <see cref="Start"/> (inclusive) to
/// <see cref="End"/> (exclusive). Times are offsets from local midnight, so <c>24:00</c> (a whole day) is
/// <c>TimeSpan.FromHours(24)</c>, which <see cref="TimeOnly"/> cannot hold. <see cref="BusinessCalendar"/> validates it.
/// </summary>
public readonly record struct OpeningInterval(TimeSpan Start, TimeSpan End)
{
    public static OpeningInterval AllDay { get; } = new(TimeSpan.Zero, TimeSpan.FromHours(24));

    public TimeSpan Length => End - Start;

    public bool Contains(TimeSpan timeOfDay) => Start <= timeOfDay && timeOfDay < End;

    public override string ToString() => $"{Format(Start)}–{Format(End)}";

    internal static string Format(TimeSpan t)
    {
        var d = t.Duration();
        return (t < TimeSpan.Zero ? "-" : "") + $"{(int)d.TotalHours:00}:{d.Minutes:00}" + (d.Seconds != 0 ? $":{d.Seconds:00}" : "");
    }
}
