using CrmApi.Domain.Common;

namespace CrmApi.Domain.Segments;

public enum SegmentKind
{
    /// <summary>Members are the records that meet the filter, kept current from the event log.</summary>
    Dynamic,
    /// <summary>Members are added and removed by hand.</summary>
    Static,
}

/// <summary>
/// A list of contacts, companies or deals. A dynamic segment's members are the records that meet its filter: built in
/// full whenever the filter is set (each setting is a new <see cref="FilterRevision"/>), then kept current from the
/// event log (see <see cref="SegmentProgress"/>). A static segment's members are chosen by hand.
/// </summary>
public sealed class Segment : IWorkspaceOwned
{
    public const int NameMax = 200;
    public static readonly IReadOnlyList<string> ObjectTypes = ["contact", "company", "deal"];

    private Segment()
    {
        Name = ObjectType = "";
    }

    public Segment(Guid id, Guid workspaceId, string name, string objectType, SegmentKind kind, string? filter, bool timeDependent,
        DateTimeOffset now)
    {
        Id = id;
        WorkspaceId = workspaceId;
        Name = name;
        ObjectType = objectType;
        Kind = kind;
        Filter = kind == SegmentKind.Dynamic ? filter : null;
        TimeDependent = kind == SegmentKind.Dynamic && timeDependent;
        FilterRevision = 1;
        CreatedAt = UpdatedAt = Record.Truncate(now);
        Version = 1;
    }

    public Guid Id { get; private set; }
    public Guid WorkspaceId { get; private set; }
    public string Name { get; private set; }
    /// <summary><c>contact</c>, <c>company</c> or <c>deal</c>.</summary>
    public string ObjectType { get; private set; }
    public SegmentKind Kind { get; private set; }
    /// <summary>A dynamic segment's filter (the shared filter language, as JSON text); null for a static one.</summary>
    public string? Filter { get; private set; }
    /// <summary>The filter has conditions relative to now (<c>withinLast</c>, <c>olderThan</c>): time alone can change members.</summary>
    public bool TimeDependent { get; private set; }
    /// <summary>Counts the filters this segment has had; members built for an older one are rebuilt.</summary>
    public int FilterRevision { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public long Version { get; private set; }

    /// <summary>Renames, and for a dynamic segment sets a new filter, which rebuilds it. Says whether anything changed.</summary>
    public bool Change(string name, string? filter, bool timeDependent, DateTimeOffset now)
    {
        var newFilter = Kind == SegmentKind.Dynamic ? filter : null;
        if (Name == name && Filter == newFilter) return false;
        if (Filter != newFilter)
        {
            Filter = newFilter;
            TimeDependent = timeDependent;
            FilterRevision++;
        }
        Name = name;
        UpdatedAt = Record.Truncate(now);
        Version++;
        return true;
    }
}

/// <summary>
/// Where a segment's members stand, kept apart from the segment so that keeping them current never moves the segment's
/// version: the filter revision they were built for, the event log position their build reflects, and a version of its
/// own, which keeps two instances from building it at once. Past the build, the workspace's <see cref="SegmentCursor"/>
/// says how far events have been applied.
/// </summary>
public sealed class SegmentProgress : IWorkspaceOwned
{
    private SegmentProgress() { }

    public SegmentProgress(Guid segmentId, Guid workspaceId)
    {
        SegmentId = segmentId;
        WorkspaceId = workspaceId;
    }

    public Guid SegmentId { get; private set; }
    public Guid WorkspaceId { get; private set; }
    /// <summary>The filter revision the members were built for; 0 before the first build.</summary>
    public int BuiltRevision { get; private set; }
    /// <summary>The event log position whose changes the last build reflects.</summary>
    public long ProcessedSequence { get; private set; }
    /// <summary>When the members were last computed in full (the build, or a re-evaluation as time passed).</summary>
    public DateTimeOffset? EvaluatedAt { get; private set; }
    public long Version { get; private set; }

    public bool IsBuilt(Segment segment) => BuiltRevision == segment.FilterRevision;

    /// <summary>The position whose changes the members reflect: the later of the build's and the workspace cursor's.</summary>
    public long PositionWith(SegmentCursor? cursor) => Math.Max(ProcessedSequence, cursor?.Sequence ?? 0);

    /// <summary>Part of a build was written; the version moves so a second builder's write fails.</summary>
    public void Building() => Version++;

    /// <summary>The members were computed in full for <paramref name="revision"/> from the records as of position <paramref name="sequence"/>.</summary>
    public void Built(int revision, long sequence, DateTimeOffset now)
    {
        BuiltRevision = revision;
        ProcessedSequence = Math.Max(ProcessedSequence, sequence);
        EvaluatedAt = Record.Truncate(now);
        Version++;
    }
}

/// <summary>
/// How far the event log has been applied to a workspace's segments. A segment's members reflect the events up to the
/// later of this and its own build's position (<see cref="SegmentProgress.PositionWith"/>), so a step that applies a
/// batch of events moves one row, however many segments there are. Every write of members moves its version, so a step
/// and a build that overlap (two instances) cannot both commit: the one that read an older version fails and redoes its work.
/// </summary>
public sealed class SegmentCursor : IWorkspaceOwned
{
    private SegmentCursor() { }

    public SegmentCursor(Guid workspaceId) => WorkspaceId = workspaceId;

    public Guid WorkspaceId { get; private set; }
    /// <summary>The event log position applied to every built segment.</summary>
    public long Sequence { get; private set; }
    public long Version { get; private set; }

    /// <summary>The events up to <paramref name="sequence"/> are applied to every built segment.</summary>
    public void Advance(long sequence)
    {
        Sequence = Math.Max(Sequence, sequence);
        Version++;
    }

    /// <summary>Members were written outside a step (a build): a step that read the cursor before must not commit.</summary>
    public void Touch() => Version++;
}

/// <summary>A record in a segment, since when.</summary>
public sealed class SegmentMember : IWorkspaceOwned
{
    private SegmentMember() { }

    public SegmentMember(Guid segmentId, Guid workspaceId, Guid recordId, DateTimeOffset enteredAt)
    {
        SegmentId = segmentId;
        WorkspaceId = workspaceId;
        RecordId = recordId;
        EnteredAt = Record.Truncate(enteredAt);
    }

    public Guid SegmentId { get; private set; }
    public Guid WorkspaceId { get; private set; }
    public Guid RecordId { get; private set; }
    public DateTimeOffset EnteredAt { get; private set; }
}
