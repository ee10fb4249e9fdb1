namespace CrmApi.Infrastructure.Segments;

/// <summary>Settings under <c>Crm:Segments</c>.</summary>
public sealed class SegmentOptions
{
    public const string Section = "Crm:Segments";

    /// <summary>Whether this instance keeps segments current (any number of instances may; each step is applied once).</summary>
    public bool RunWorker { get; set; } = true;

    /// <summary>How often an idle worker looks for changes other instances wrote (it wakes at once for this instance's own).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often a segment whose filter is relative to now (<c>withinLast</c>, <c>olderThan</c>) is computed in full
    /// again, so records move in and out as time passes without a change of their own.
    /// </summary>
    public TimeSpan TimeCheckInterval { get; set; } = TimeSpan.FromHours(1);
}
