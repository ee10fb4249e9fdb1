using System.Text.Json;

namespace CrmApi.Application.Segments;

/// <summary>
/// A segment as a client writes it: <c>objectType</c> <c>contact</c>, <c>company</c> or <c>deal</c>; <c>kind</c>
/// <c>dynamic</c> (members meet <c>filter</c>, kept current) or <c>static</c> (members chosen by hand, no filter).
/// </summary>
public sealed class SegmentInput
{
    public string? Name { get; init; }
    public string? ObjectType { get; init; }
    public string? Kind { get; init; }
    public JsonElement? Filter { get; init; }
}

/// <summary>The records to add to or remove from a static segment: 1 to 1,000 ids.</summary>
public sealed class SegmentMembersInput
{
    public List<Guid?>? Ids { get; init; }
}

/// <summary>The body of a snapshot: the new static segment's name (by default the dynamic one's, with the date).</summary>
public sealed class SegmentSnapshotInput
{
    public string? Name { get; init; }
}
