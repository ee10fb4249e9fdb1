using CrmApi.Domain.Common;

namespace CrmApi.Domain.Tickets;

/// <summary>
/// A workspace's SLA policy as it is stored: when it applies (conditions in the filter language over tickets), its
/// place in the order policies are tried in, and the <see cref="SlaPolicy"/> it sets (business calendar and targets per
/// priority, kept as JSON text). The live policies of a workspace are numbered 0..n-1. The version grows by one on every
/// change, a move caused by another policy's move included (the ETag).
/// </summary>
/// <remarks>
/// Deleting is soft and final: a deleted policy matches no new ticket, but the tickets it already governs keep being
/// measured against it, so its row, calendar and targets stay as they were.
/// </remarks>
public sealed class SlaPolicyDefinition : IWorkspaceOwned
{
    /// <summary>Policies are tried one by one on every ticket created or re-prioritised; a few dozen is plenty.</summary>
    public const int LiveMax = 100;

    private SlaPolicy? _policy;

    private SlaPolicyDefinition()
    {
        Name = TimeZone = WeeklyHours = Holidays = Targets = "";
    }

    /// <param name="conditions">The filter as compact JSON text; null matches every ticket.</param>
    public SlaPolicyDefinition(Guid id, Guid workspaceId, string name, int position, string? conditions, SlaPolicy policy, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        Id = id;
        WorkspaceId = workspaceId;
        Name = name;
        Position = position;
        Conditions = conditions;
        TimeZone = WeeklyHours = Holidays = Targets = "";
        Store(policy);
        CreatedAt = UpdatedAt = Record.Truncate(now);
        Version = 1;
    }

    public Guid Id { get; private set; }
    public Guid WorkspaceId { get; private set; }
    public string Name { get; private set; }
    /// <summary>Where the policy is tried, 0 first. A deleted policy keeps the position it had.</summary>
    public int Position { get; private set; }
    /// <summary>The filter over tickets as compact JSON text; null matches every ticket.</summary>
    public string? Conditions { get; private set; }
    /// <summary>The calendar's IANA time zone id.</summary>
    public string TimeZone { get; private set; }
    /// <summary>The calendar's open days as JSON: <c>{"monday":[{"start":"09:00","end":"17:00"}],...}</c>.</summary>
    public string WeeklyHours { get; private set; }
    /// <summary>The calendar's holidays as JSON: <c>["2026-12-25"]</c>.</summary>
    public string Holidays { get; private set; }
    /// <summary>The targets as JSON: <c>{"low":{"firstResponseMinutes":480,"resolutionMinutes":2880},...}</c>.</summary>
    public string Targets { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public long Version { get; private set; }
    public DateTimeOffset? DeletedAt { get; private set; }

    public bool IsDeleted => DeletedAt is not null;

    /// <summary>The calendar and targets, built from the stored JSON once per instance.</summary>
    public SlaPolicy Policy => _policy ??= SlaPolicyJson.Read(TimeZone, WeeklyHours, Holidays, Targets);

    /// <summary>Sets the name, conditions, policy and position as one change; the version moves only if something differs.</summary>
    public bool Change(string name, string? conditions, SlaPolicy policy, int position, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        if (IsDeleted) throw new InvalidOperationException("A deleted SLA policy keeps the calendar and targets its tickets are measured against.");
        var (timeZone, weeklyHours, holidays, targets) = SlaPolicyJson.Write(policy);
        if (Name == name && Conditions == conditions && Position == position && TimeZone == timeZone && WeeklyHours == weeklyHours
            && Holidays == holidays && Targets == targets)
            return false;
        Name = name;
        Conditions = conditions;
        Position = position;
        Store(policy);
        Touch(now);
        return true;
    }

    /// <summary>Marks the policy deleted; its position stays as it was and no longer counts among the live ones.</summary>
    public void Delete(DateTimeOffset now)
    {
        if (IsDeleted) return;
        DeletedAt = Record.Truncate(now);
        Touch(now);
    }

    /// <summary>
    /// Numbers the live policies of a workspace 0..n-1 in the order given; each one whose position changes is a change
    /// of that policy.
    /// </summary>
    public static void Renumber(IReadOnlyList<SlaPolicyDefinition> order, DateTimeOffset now)
    {
        for (var i = 0; i < order.Count; i++)
        {
            if (order[i].IsDeleted) throw new ArgumentException("Only live policies are numbered.", nameof(order));
            if (order[i].Position == i) continue;
            order[i].Position = i;
            order[i].Touch(now);
        }
    }

    private void Store(SlaPolicy policy)
    {
        (TimeZone, WeeklyHours, Holidays, Targets) = SlaPolicyJson.Write(policy);
        _policy = policy;
    }

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = Record.Truncate(now);
        Version++;
    }
}
