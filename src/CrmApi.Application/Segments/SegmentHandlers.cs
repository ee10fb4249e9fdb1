using System.Text.Json;
using System.Text.Json.Nodes;
using CrmApi.Application.Common;
using CrmApi.Application.Events;
using CrmApi.Application.Common.Validation;
using CrmApi.Application.Querying;
using CrmApi.Application.Records;
using CrmApi.Domain.Segments;
using Microsoft.EntityFrameworkCore;

namespace CrmApi.Application.Segments;

/// <summary>
/// Segments of the current workspace: CRUD, hand-picked members of static segments, snapshots of dynamic ones, the
/// members of a segment and the segments of a record. Keeping dynamic members current is the engine's.
/// </summary>
public sealed class SegmentHandlers(ICrmDbContext db, WorkspaceContext workspace, RecordFilters filters, SegmentMembership membership, TimeProvider clock)
{
    public const int SegmentsMax = 500;
    public const int MembersPerCall = 1000;
    public const int MembersDefaultLimit = 100;
    public const int MembersMaxLimit = 1000;

    private static readonly Error NotFound = Error.NotFound("segment");

    public async Task<IReadOnlyList<SegmentDto>> ListAsync(CancellationToken ct)
    {
        var segments = await db.Segments.AsNoTracking().OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).ToListAsync(ct);
        var progress = await db.SegmentProgress.AsNoTracking().ToDictionaryAsync(p => p.SegmentId, ct);
        var cursor = await db.SegmentCursors.AsNoTracking().FirstOrDefaultAsync(ct);
        var counts = await db.SegmentMembers.GroupBy(m => m.SegmentId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return [.. segments.Select(s => SegmentDto.From(s, progress.GetValueOrDefault(s.Id), cursor, counts.GetValueOrDefault(s.Id)))];
    }

    public async Task<Result<SegmentDto>> GetAsync(Guid id, CancellationToken ct)
        => await db.Segments.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) is { } s ? await DtoAsync(s, ct) : NotFound;

    /// <summary>Makes a segment. A dynamic one starts <c>building</c>: its members are computed in the background.</summary>
    public async Task<Result<SegmentDto>> CreateAsync(JsonObject body, CancellationToken ct)
    {
        var input = JsonInput.Read<SegmentInput>(body);
        if (!input.IsSuccess) return Result<SegmentDto>.Fail(input.Errors);
        var spec = await ValidateAsync(input.Value!, null, ct);
        if (!spec.IsSuccess) return Result<SegmentDto>.Fail(spec.Errors);
        if (await db.Segments.CountAsync(ct) >= SegmentsMax) return Error.Conflict($"A workspace has at most {SegmentsMax} segments; delete one first.");

        var s = spec.Value!;
        var now = clock.GetUtcNow();
        var segment = new Segment(Guid.CreateVersion7(now), workspace.RequiredId, s.Name, s.ObjectType, s.Kind, s.Filter, s.TimeDependent, now);
        var progress = new SegmentProgress(segment.Id, segment.WorkspaceId);
        // A static segment needs no build: it starts empty and current.
        if (s.Kind == SegmentKind.Static) progress.Built(segment.FilterRevision, await LastSequenceAsync(ct), now);
        db.Segments.Add(segment);
        db.SegmentProgress.Add(progress);
        return await Writes.SaveAsync(db, ct) is { } error ? error : SegmentDto.From(segment, progress, null, 0);
    }

    /// <summary>A merge patch of the name and, for a dynamic segment, the filter (a new filter rebuilds the members).</summary>
    public async Task<Result<SegmentDto>> UpdateAsync(Guid id, JsonObject patch, long? expectedVersion, CancellationToken ct)
    {
        var segment = await db.Segments.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (segment is null) return NotFound;
        if (Writes.CheckVersion(expectedVersion, segment.Version) is { } stale) return stale;
        if (JsonInput.ReadOnlyViolations(patch) is { Count: > 0 } readOnly) return Result<SegmentDto>.Fail(readOnly);
        var current = new JsonObject
        {
            ["name"] = segment.Name,
            ["objectType"] = segment.ObjectType,
            ["kind"] = segment.Kind.ToString().ToLowerInvariant(),
            ["filter"] = segment.Filter is null ? null : JsonNode.Parse(segment.Filter),
        };
        var input = JsonInput.Read<SegmentInput>((JsonObject)MergePatch.Apply(current, patch)!);
        if (!input.IsSuccess) return Result<SegmentDto>.Fail(input.Errors);
        var spec = await ValidateAsync(input.Value!, segment, ct);
        if (!spec.IsSuccess) return Result<SegmentDto>.Fail(spec.Errors);
        var s = spec.Value!;
        if (segment.Change(s.Name, s.Filter, s.TimeDependent, clock.GetUtcNow()) && await Writes.SaveAsync(db, ct) is { } error) return error;
        return await DtoAsync(segment, ct);
    }

    /// <summary>Deletes a segment and its members (no exit events: the segment itself is gone).</summary>
    public async Task<Result<Unit>> DeleteAsync(Guid id, long? expectedVersion, CancellationToken ct)
    {
        var segment = await db.Segments.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (segment is null) return NotFound;
        if (Writes.CheckVersion(expectedVersion, segment.Version) is { } stale) return stale;
        db.Segments.Remove(segment);
        return await Writes.SaveAsync(db, ct) is { } error ? error : Unit.Value;
    }

    /// <summary>Adds live records of the segment's type to a static segment; those already in are left as they are.</summary>
    public async Task<Result<SegmentMembersChangedDto>> AddMembersAsync(Guid id, JsonObject body, CancellationToken ct)
    {
        var change = await MembersChangeAsync(id, body, ct);
        if (!change.IsSuccess) return Result<SegmentMembersChangedDto>.Fail(change.Errors);
        var (segment, ids) = change.Value;
        var live = await filters.ExistingAsync(segment.ObjectType, ids, ct);
        var missing = ids.FindIndex(i => !live.Contains(i));
        if (missing >= 0) return Error.Validation($"ids[{missing}]", $"No {segment.ObjectType} {ids[missing]} exists.");
        var already = await membership.MembersAmongAsync(segment.Id, ids, ct);
        var added = ids.Where(i => !already.Contains(i)).ToList();
        membership.Enter(segment, added);
        return await SavedAsync(segment, added.Count, ct);
    }

    /// <summary>Removes records from a static segment; ids that are not members are ignored.</summary>
    public async Task<Result<SegmentMembersChangedDto>> RemoveMembersAsync(Guid id, JsonObject body, CancellationToken ct)
    {
        var change = await MembersChangeAsync(id, body, ct);
        if (!change.IsSuccess) return Result<SegmentMembersChangedDto>.Fail(change.Errors);
        var (segment, ids) = change.Value;
        var members = (await membership.MembersAmongAsync(segment.Id, ids, ct)).ToList();
        await membership.ExitAsync(segment, members, ct);
        return await SavedAsync(segment, members.Count, ct);
    }

    /// <summary>Freezes a dynamic segment's current members into a new static segment.</summary>
    public async Task<Result<SegmentDto>> SnapshotAsync(Guid id, JsonObject body, CancellationToken ct)
    {
        var input = JsonInput.Read<SegmentSnapshotInput>(body);
        if (!input.IsSuccess) return Result<SegmentDto>.Fail(input.Errors);
        var segment = await db.Segments.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (segment is null) return NotFound;
        var errors = new List<Error>();
        var now = clock.GetUtcNow();
        var name = Rules.Text(errors, "name", input.Value!.Name, Segment.NameMax)
            ?? Truncated($"{segment.Name} ({now:yyyy-MM-dd HH:mm} UTC)", Segment.NameMax);
        if (errors.Count > 0) return Result<SegmentDto>.Fail(errors);
        if (segment.Kind != SegmentKind.Dynamic) return Error.Conflict("Only a dynamic segment has a snapshot; a static segment is one already.");
        var progress = await db.SegmentProgress.AsNoTracking().FirstOrDefaultAsync(p => p.SegmentId == id, ct);
        if (progress is null || !progress.IsBuilt(segment)) return Error.Conflict("The segment is still building; take the snapshot once it is ready.");
        if (await db.Segments.CountAsync(ct) >= SegmentsMax) return Error.Conflict($"A workspace has at most {SegmentsMax} segments; delete one first.");

        var copy = new Segment(Guid.CreateVersion7(now), workspace.RequiredId, name, segment.ObjectType, SegmentKind.Static, null, false, now);
        var copyProgress = new SegmentProgress(copy.Id, copy.WorkspaceId);
        copyProgress.Built(copy.FilterRevision, await LastSequenceAsync(ct), now);
        db.Segments.Add(copy);
        db.SegmentProgress.Add(copyProgress);
        var members = await membership.MembersAsync(segment.Id, ct);
        membership.Enter(copy, [.. members.Order()]);
        return await Writes.SaveAsync(db, ct) is { } error ? error : SegmentDto.From(copy, copyProgress, null, members.Count);
    }

    /// <summary>The segment's members in id order, a page at a time.</summary>
    public async Task<Result<Page<SegmentMemberDto>>> MembersAsync(Guid id, int? limit, string? cursor, CancellationToken ct)
    {
        var take = limit ?? MembersDefaultLimit;
        if (PageLimit.Check(take, MembersMaxLimit) is { } badLimit) return badLimit;
        var after = IdCursor.Parse(cursor);
        if (!after.IsSuccess) return Result<Page<SegmentMemberDto>>.Fail(after.Errors);
        if (!await db.Segments.AnyAsync(s => s.Id == id, ct)) return NotFound;
        var members = db.SegmentMembers.AsNoTracking().Where(m => m.SegmentId == id);
        if (after.Value is { } a) members = members.Where(m => m.RecordId.CompareTo(a) > 0);
        var rows = await members.OrderBy(m => m.RecordId).Take(take + 1).Select(m => new SegmentMemberDto(m.RecordId, m.EnteredAt)).ToListAsync(ct);
        var page = rows.Take(take).ToList();
        return new Page<SegmentMemberDto>(page, rows.Count > take ? page[^1].Id.ToString() : null);
    }

    /// <summary>The segments a record of <paramref name="objectType"/> is in; a record that does not exist is a 404.</summary>
    public async Task<Result<IReadOnlyList<SegmentDto>>> OfRecordAsync(string objectType, Guid recordId, CancellationToken ct)
    {
        if ((await filters.ExistingAsync(objectType, [recordId], ct)).Count == 0) return Error.NotFound(objectType);
        var ids = await db.SegmentMembers.Where(m => m.RecordId == recordId).Select(m => m.SegmentId).ToListAsync(ct);
        var segments = await db.Segments.AsNoTracking().Where(s => ids.Contains(s.Id) && s.ObjectType == objectType)
            .OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).ToListAsync(ct);
        var list = new List<SegmentDto>();
        foreach (var s in segments) list.Add(await DtoAsync(s, ct));
        return list;
    }

    private async Task<Result<(Segment Segment, List<Guid> Ids)>> MembersChangeAsync(Guid id, JsonObject body, CancellationToken ct)
    {
        var input = JsonInput.Read<SegmentMembersInput>(body);
        if (!input.IsSuccess) return Result<(Segment, List<Guid>)>.Fail(input.Errors);
        var given = input.Value!.Ids;
        if (given is not { Count: > 0 }) return Error.Validation("ids", $"Give 1 to {MembersPerCall} record ids.");
        if (given.Count > MembersPerCall) return Error.Validation("ids", $"At most {MembersPerCall} ids per call; got {given.Count}.");
        var nullAt = given.FindIndex(i => i is null);
        if (nullAt >= 0) return Error.Validation($"ids[{nullAt}]", "An id is required here.");
        var segment = await db.Segments.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (segment is null) return NotFound;
        if (segment.Kind != SegmentKind.Static)
            return Error.Conflict("A dynamic segment's members follow its filter; only a static segment's are chosen by hand.");
        return (segment, given.Select(i => i!.Value).Distinct().ToList());
    }

    private async Task<Result<SegmentMembersChangedDto>> SavedAsync(Segment segment, int changed, CancellationToken ct)
    {
        if (changed > 0 && await Writes.SaveAsync(db, ct) is { } error) return error;
        return new SegmentMembersChangedDto(changed, await db.SegmentMembers.CountAsync(m => m.SegmentId == segment.Id, ct));
    }

    private async Task<SegmentDto> DtoAsync(Segment s, CancellationToken ct)
    {
        var progress = await db.SegmentProgress.AsNoTracking().FirstOrDefaultAsync(p => p.SegmentId == s.Id, ct);
        var cursor = await db.SegmentCursors.AsNoTracking().FirstOrDefaultAsync(ct);
        return SegmentDto.From(s, progress, cursor, await db.SegmentMembers.CountAsync(m => m.SegmentId == s.Id, ct));
    }

    private Task<long> LastSequenceAsync(CancellationToken ct) => EventPositions.LastAsync(db, workspace.RequiredId, ct);

    private static string Truncated(string text, int max) => text.Length <= max ? text : text[..max];

    private sealed record Spec(string Name, string ObjectType, SegmentKind Kind, string? Filter, bool TimeDependent);

    private async Task<Result<Spec>> ValidateAsync(SegmentInput input, Segment? existing, CancellationToken ct)
    {
        var errors = new List<Error>();
        var name = Rules.RequiredText(errors, "name", input.Name, Segment.NameMax);
        var objectType = input.ObjectType?.Trim().ToLowerInvariant();
        if (objectType is null) errors.Add(Error.Validation("objectType", $"'objectType' is required: {string.Join(", ", Segment.ObjectTypes)}."));
        else if (!Segment.ObjectTypes.Contains(objectType))
            errors.Add(Error.Validation("objectType", $"'objectType' is one of {string.Join(", ", Segment.ObjectTypes)}; got '{input.ObjectType}'."));
        else if (existing is not null && existing.ObjectType != objectType)
            errors.Add(Error.Validation("objectType", "A segment's object type cannot change; make a new segment."));
        SegmentKind? kind = input.Kind?.Trim().ToLowerInvariant() switch
        {
            null => null,
            "dynamic" => SegmentKind.Dynamic,
            "static" => SegmentKind.Static,
            _ => null,
        };
        if (kind is null) errors.Add(Error.Validation("kind", $"'kind' is dynamic or static{(input.Kind is null ? "" : $"; got '{input.Kind}'")}."));
        else if (existing is not null && existing.Kind != kind) errors.Add(Error.Validation("kind", "A segment's kind cannot change; a snapshot makes a static copy of a dynamic one."));

        string? filter = null;
        var timeDependent = false;
        var given = input.Filter is { ValueKind: not JsonValueKind.Null } f && !(f.ValueKind == JsonValueKind.Object && !f.EnumerateObject().Any()) ? f : (JsonElement?)null;
        if (kind == SegmentKind.Static && given is not null)
            errors.Add(Error.Validation("filter", "A static segment has no filter: its members are added and removed by hand."));
        else if (kind == SegmentKind.Dynamic && given is null)
            errors.Add(Error.Validation("filter", "A dynamic segment needs a filter, e.g. {\"lifecycleStage\":{\"eq\":\"customer\"}}."));
        else if (kind == SegmentKind.Dynamic && objectType is not null && Segment.ObjectTypes.Contains(objectType))
        {
            var parsed = await filters.ParseAsync(objectType, given!.Value, ct);
            if (!parsed.IsSuccess) errors.AddRange(parsed.Errors);
            else
            {
                filter = parsed.Value!.ToJson();
                timeDependent = FilterFacts.IsTimeDependent(parsed.Value);
            }
        }
        return errors.Count > 0 ? Result<Spec>.Fail(errors) : new Spec(name, objectType!, kind!.Value, filter, timeDependent);
    }
}
