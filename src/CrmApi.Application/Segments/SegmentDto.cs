using System.Text.Json;
using CrmApi.Domain.Segments;

namespace CrmApi.Application.Segments;

/// <summary>
/// A segment: its definition, how many members it has, and where its members stand: <c>state</c> is <c>building</c>
/// while a dynamic segment's members are computed in full, <c>ready</c> after; <c>processedSequence</c> is the event log
/// position whose changes they reflect.
/// </summary>
public sealed record SegmentDto(
    Guid Id,
    string Name,
    string ObjectType,
    SegmentKind Kind,
    JsonElement? Filter,
    string State,
    int MemberCount,
    long ProcessedSequence,
    DateTimeOffset? EvaluatedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version) : Records.IRecordDto
{
    public const string Building = "building";
    public const string Ready = "ready";

    public static SegmentDto From(Segment s, SegmentProgress? p, SegmentCursor? cursor, int members)
    {
        var built = p is not null && p.IsBuilt(s);
        return new(s.Id, s.Name, s.ObjectType, s.Kind, s.Filter is null ? null : JsonDocument.Parse(s.Filter).RootElement.Clone(),
            built ? Ready : Building, members, built ? p!.PositionWith(cursor) : p?.ProcessedSequence ?? 0, p?.EvaluatedAt,
            s.CreatedAt, s.UpdatedAt, s.Version);
    }
}

/// <summary>A member of a segment: the record's id and since when it is in.</summary>
public sealed record SegmentMemberDto(Guid Id, DateTimeOffset EnteredAt);

/// <summary>What a change of a static segment's members did: how many records came in or went out, and how many it has now.</summary>
public sealed record SegmentMembersChangedDto(int Changed, int MemberCount);

/// <summary>
/// The data of <c>segment.entered</c> and <c>segment.exited</c>: the segment (id, name, the type of its records) and the
/// record that came in or went out.
/// </summary>
public sealed record SegmentMembershipDto(Guid SegmentId, string SegmentName, string ObjectType, Guid RecordId);
