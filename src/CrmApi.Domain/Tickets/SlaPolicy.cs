using System.Diagnostics.CodeAnalysis;

namespace CrmApi.Domain.Tickets;

/// <summary>How fast tickets must be answered and resolved: targets for every priority, counted on one business calendar.</summary>
public sealed class SlaPolicy
{
    private SlaPolicy(BusinessCalendar calendar, Dictionary<TicketPriority, SlaTargets> targets)
    {
        Calendar = calendar;
        Targets = targets;
    }

    public BusinessCalendar Calendar { get; }

    /// <summary>Targets for every priority: a policy that skipped one would leave some tickets without an SLA.</summary>
    public IReadOnlyDictionary<TicketPriority, SlaTargets> Targets { get; }

    public SlaTargets TargetsFor(TicketPriority priority) => Targets[priority];

    public static bool TryCreate(
        BusinessCalendar calendar,
        IReadOnlyDictionary<TicketPriority, SlaTargets>? targets,
        [NotNullWhen(true)] out SlaPolicy? policy,
        out IReadOnlyList<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var found = new List<FieldError>();
        targets ??= new Dictionary<TicketPriority, SlaTargets>();
        foreach (var priority in Enum.GetValues<TicketPriority>())
        {
            if (!targets.TryGetValue(priority, out var t) || t is null)
                found.Add(new FieldError($"targets.{Name(priority)}", $"Give first-response and resolution targets for {Name(priority)}-priority tickets."));
        }
        foreach (var priority in targets.Keys.Where(p => !Enum.IsDefined(p)))
            found.Add(new FieldError("targets", $"Unknown priority {(int)priority}."));
        errors = found;
        policy = found.Count == 0 ? new SlaPolicy(calendar, targets.ToDictionary()) : null;
        return policy is not null;
    }

    /// <summary>Builds a policy known to be valid; throws listing every problem otherwise.</summary>
    public static SlaPolicy Create(BusinessCalendar calendar, IReadOnlyDictionary<TicketPriority, SlaTargets> targets)
        => TryCreate(calendar, targets, out var policy, out var errors)
            ? policy
            : throw new ArgumentException("Invalid SLA policy: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")));

    /// <summary>The name clients use: <c>low</c>, <c>normal</c>, <c>high</c>, <c>urgent</c>.</summary>
    private static string Name(TicketPriority priority) => priority switch
    {
        TicketPriority.Low => "low",
        TicketPriority.Normal => "normal",
        TicketPriority.High => "high",
        TicketPriority.Urgent => "urgent",
        _ => ((int)priority).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
