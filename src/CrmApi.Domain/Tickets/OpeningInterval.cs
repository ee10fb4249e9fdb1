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

    /// <summary>A time of day as clients read and write it: <c>HH:mm</c>, with <c>:ss</c> only when the seconds are not zero.</summary>
    public static string Format(TimeSpan t)
    {
        var d = t.Duration();
        return (t < TimeSpan.Zero ? "-" : "") + $"{(int)d.TotalHours:00}:{d.Minutes:00}" + (d.Seconds != 0 ? $":{d.Seconds:00}" : "");
    }

    /// <summary>
    /// Reads <c>HH:mm</c> or <c>HH:mm:ss</c> (two digits each, minutes and seconds below 60). Hours are not capped here:
    /// <see cref="BusinessCalendar"/> says that <c>25:00</c> is out of range, naming the field.
    /// </summary>
    public static bool TryParseTime(string? text, out TimeSpan time)
    {
        time = default;
        if (text is not ({ Length: 5 } or { Length: 8 })) return false;
        var parts = text.Split(':');
        if (parts.Length != (text.Length + 1) / 3 || parts.Any(p => p.Length != 2 || !p.All(char.IsAsciiDigit))) return false;
        var numbers = parts.Select(p => (p[0] - '0') * 10 + (p[1] - '0')).ToArray();
        if (numbers.Skip(1).Any(n => n >= 60)) return false;
        time = new TimeSpan(numbers[0], numbers[1], numbers.Length > 2 ? numbers[2] : 0);
        return true;
    }
}
