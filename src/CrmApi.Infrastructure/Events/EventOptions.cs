namespace CrmApi.Infrastructure.Events;

/// <summary>Settings under <c>Crm:Events</c>.</summary>
public sealed class EventOptions
{
    public const string Section = "Crm:Events";

    /// <summary>Events older than this are removed; a cursor into the removed range gets 410.</summary>
    public int RetentionDays { get; set; } = 90;

    /// <summary>How often the retention worker runs.</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);
}
