namespace CrmApi.Infrastructure.Segments;

/// <summary>Settings under <c>Crm:Segments</c>.</summary>
public sealed class SegmentOptions
{
    public const string Section = "Crm:Segments";

    /// <summary>Whether this instance keeps segments current (any number of instances may; each step is applied once).</summary>
    public bool RunWorker { get; set; } = true;

    /// <summary>How often an idle worker looks for changes other instances wrote (it wakes at once for this instance's own).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
