using System.Diagnostics.CodeAnalysis;

namespace CrmApi.Domain.Tickets;

/// <summary>The SLA targets for one ticket priority, in business minutes of the policy's calendar.</summary>
public sealed record SlaTargets
{
    /// <summary>
    /// A year of round-the-clock time. Far beyond any real target, and it keeps a typo such as 5000000 from walking the
    /// calendar for centuries on every read.
    /// </summary>
    public const int MaxMinutes = 365 * 24 * 60;

    private SlaTargets(int firstResponseMinutes, int resolutionMinutes)
    {
        FirstResponseMinutes = firstResponseMinutes;
        ResolutionMinutes = resolutionMinutes;
    }

    public int FirstResponseMinutes { get; }
    public int ResolutionMinutes { get; }

    /// <summary>Validates both targets; errors name <c>firstResponseMinutes</c> and <c>resolutionMinutes</c> (nest them with <see cref="FieldError.Under"/>).</summary>
    public static bool TryCreate(
        int firstResponseMinutes, int resolutionMinutes, [NotNullWhen(true)] out SlaTargets? targets, out IReadOnlyList<FieldError> errors)
    {
        var found = new List<FieldError>();
        Check("firstResponseMinutes", firstResponseMinutes, found);
        Check("resolutionMinutes", resolutionMinutes, found);
        errors = found;
        targets = found.Count == 0 ? new SlaTargets(firstResponseMinutes, resolutionMinutes) : null;
        return targets is not null;
    }

    /// <summary>Builds targets known to be valid; throws listing every problem otherwise.</summary>
    public static SlaTargets Create(int firstResponseMinutes, int resolutionMinutes)
        => TryCreate(firstResponseMinutes, resolutionMinutes, out var targets, out var errors)
            ? targets
            : throw new ArgumentException("Invalid SLA targets: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")));

    private static void Check(string field, int minutes, List<FieldError> errors)
    {
        if (minutes <= 0) errors.Add(new FieldError(field, "Must be a positive number of business minutes."));
        else if (minutes > MaxMinutes) errors.Add(new FieldError(field, $"Must be at most {MaxMinutes} business minutes."));
    }
}
