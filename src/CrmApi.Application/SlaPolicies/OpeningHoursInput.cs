namespace CrmApi.Application.SlaPolicies;

/// <summary>One opening interval in local time: <c>start</c> inclusive, <c>end</c> exclusive, each <c>HH:mm</c> (<c>24:00</c> is midnight at the end of the day).</summary>
public sealed class OpeningHoursInput
{
    public string? Start { get; init; }
    public string? End { get; init; }
}
