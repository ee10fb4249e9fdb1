namespace CrmApi.Domain.Tickets;

/// <summary>
/// Why a value was rejected. <paramref name="Field"/> is a JSON path such as <c>weeklyHours.monday[1].start</c>,
/// so the API can report it as is.
/// </summary>
public sealed record FieldError(string Field, string Message)
{
    /// <summary>The same error reported one level down, e.g. <c>firstResponseMinutes</c> under <c>targets.high</c>.</summary>
    public FieldError Under(string parent) => this with { Field = $"{parent}.{Field}" };
}
