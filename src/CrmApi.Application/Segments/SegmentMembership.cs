using System.Text.Json;
using CrmApi.Application.Common;
using CrmApi.Application.Events;
using CrmApi.Domain.Events;
using CrmApi.Domain.Segments;
using Microsoft.EntityFrameworkCore;

namespace CrmApi.Application.Segments;

/// <summary>
/// Every change of a segment's members, whoever makes it (the filter, a build, a hand-picked change): the member rows
/// and one <c>segment.entered</c> or <c>segment.exited</c> event per record, in the caller's unit of work.
/// </summary>
public sealed class SegmentMembership(ICrmDbContext db, EventRecorder events, TimeProvider clock)
{
    /// <summary>Which of <paramref name="ids"/> are members of the segment now.</summary>
    public async Task<HashSet<Guid>> MembersAmongAsync(Guid segmentId, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var found = new HashSet<Guid>();
        foreach (var chunk in ids.Chunk(1000))
        {
            var wanted = chunk.ToList();
            found.UnionWith(await db.SegmentMembers.Where(m => m.SegmentId == segmentId && wanted.Contains(m.RecordId))
                .Select(m => m.RecordId).ToListAsync(ct));
        }
        return found;
    }

    /// <summary>For each of <paramref name="segmentIds"/>, which of <paramref name="ids"/> are its members now.</summary>
    public async Task<Dictionary<Guid, HashSet<Guid>>> MembersAmongAsync(IReadOnlyList<Guid> segmentIds, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var found = segmentIds.ToDictionary(id => id, _ => new HashSet<Guid>());
        var segments = segmentIds.ToList();
        foreach (var chunk in ids.Chunk(1000))
        {
            var wanted = chunk.ToList();
            foreach (var m in await db.SegmentMembers.Where(m => segments.Contains(m.SegmentId) && wanted.Contains(m.RecordId))
                         .Select(m => new { m.SegmentId, m.RecordId }).ToListAsync(ct))
                found[m.SegmentId].Add(m.RecordId);
        }
        return found;
    }

    public async Task<HashSet<Guid>> MembersAsync(Guid segmentId, CancellationToken ct)
        => [.. await db.SegmentMembers.Where(m => m.SegmentId == segmentId).Select(m => m.RecordId).ToListAsync(ct)];

    /// <summary>Records enter: written with the bulk path, as a build may enter hundreds of thousands at once.</summary>
    public void Enter(Segment segment, IReadOnlyCollection<Guid> records)
    {
        if (records.Count == 0) return;
        var now = clock.GetUtcNow();
        db.AddInBulk(records.Select(id => new SegmentMember(segment.Id, segment.WorkspaceId, id, now)));
        events.RecordInBulk(records, id => (EventTypes.SegmentEntered, "segment", segment.Id, Data(segment, id), segment.ObjectType, id));
    }

    public async Task ExitAsync(Segment segment, IReadOnlyCollection<Guid> records, CancellationToken ct)
    {
        if (records.Count == 0) return;
        foreach (var chunk in records.Chunk(1000))
        {
            var wanted = chunk.ToList();
            db.SegmentMembers.RemoveRange(await db.SegmentMembers.Where(m => m.SegmentId == segment.Id && wanted.Contains(m.RecordId)).ToListAsync(ct));
        }
        foreach (var id in records) Record(EventTypes.SegmentExited, segment, id);
    }

    private void Record(string type, Segment segment, Guid recordId)
        => events.Record(type, "segment", segment.Id, EventRecorder.ToJson(new SegmentMembershipDto(segment.Id, segment.Name, segment.ObjectType, recordId)),
            null, segment.ObjectType, recordId);

    private static string Data(Segment segment, Guid recordId)
        => JsonSerializer.Serialize(new SegmentMembershipDto(segment.Id, segment.Name, segment.ObjectType, recordId), CrmJson.Options);
}
