using System.Text.Json;
using CrmApi.Application.Common;
using CrmApi.Application.Events;
using CrmApi.Application.Records;
using CrmApi.Domain.Events;
using CrmApi.Domain.Segments;
using Microsoft.EntityFrameworkCore;

namespace CrmApi.Application.Segments;

/// <summary>
/// Keeps the current workspace's segments current. A dynamic segment whose filter is new is built: its members are
/// computed in full from the records as they are after event position S (read first), and it is current up to S. Then
/// each batch of newer events re-evaluates only the records they touch, for each segment of their type: the record an
/// event is about, the one it links to, and for relation and activity conditions the records linked to a changed
/// company, contact or activity. A record deleted leaves static segments too. Each step writes its member changes, their
/// <c>segment.entered</c> and <c>segment.exited</c> events and the workspace's new <see cref="SegmentCursor"/> in one
/// unit of work; a second instance doing a step at once fails on the cursor's version and writes nothing. Re-evaluating
/// a record is idempotent (members are compared with the filter's answer now), so work redone after a failure or a
/// crash changes nothing twice.
/// </summary>
public sealed class SegmentEngine(ICrmDbContext db, WorkspaceContext workspace, RecordFilters filters, SegmentMembership membership, TimeProvider clock)
{
    public const int BatchMax = 500;
    private const int WriteChunk = 20_000;

    /// <summary>
    /// Builds one segment that needs it, or else re-evaluates one whose filter is relative to now (<c>withinLast</c>,
    /// <c>olderThan</c>) and was last evaluated at least <paramref name="timeCheckInterval"/> ago, or else applies one
    /// batch of events; returns whether it did anything. Run each step in a unit of work of its own.
    /// </summary>
    public async Task<bool> StepAsync(TimeSpan timeCheckInterval, CancellationToken ct)
    {
        var segments = await db.Segments.AsNoTracking().ToListAsync(ct);
        if (segments.Count == 0) return false;
        var cursor = await db.SegmentCursors.FirstOrDefaultAsync(ct);
        if (cursor is null) db.SegmentCursors.Add(cursor = new SegmentCursor(workspace.RequiredId));
        // Read without tracking: a step that applies events writes none of them; a build tracks the one it writes.
        var progress = await db.SegmentProgress.AsNoTracking().ToDictionaryAsync(p => p.SegmentId, ct);
        foreach (var s in segments.Where(s => !progress.ContainsKey(s.Id)))
        {
            progress[s.Id] = new SegmentProgress(s.Id, s.WorkspaceId);
            db.SegmentProgress.Add(progress[s.Id]);
        }
        if (segments.FirstOrDefault(s => !progress[s.Id].IsBuilt(s)) is { } unbuilt) return await BuildAsync(unbuilt, Tracked(progress[unbuilt.Id]), cursor, ct);
        var now = clock.GetUtcNow();
        // Time alone moves members of these: they are computed in full again, which also takes in the events so far.
        if (segments.FirstOrDefault(s => s.TimeDependent && !(progress[s.Id].EvaluatedAt + timeCheckInterval > now)) is { } stale)
            return await BuildAsync(stale, Tracked(progress[stale.Id]), cursor, ct);
        return await ApplyEventsAsync(segments, progress, cursor, ct);
    }

    /// <summary>A row read without tracking, now tracked as read, so its write checks the version it was read at.</summary>
    private SegmentProgress Tracked(SegmentProgress progress)
    {
        var entry = db.Entry(progress);
        if (entry.State == EntityState.Detached) entry.State = EntityState.Unchanged;
        return progress;
    }

    private async Task<bool> BuildAsync(Segment segment, SegmentProgress progress, SegmentCursor cursor, CancellationToken ct)
    {
        var sequence = await LastSequenceAsync(ct);
        var matching = segment.Filter is null ? [] : await filters.MatchingAsync(segment.ObjectType, null, segment.Filter, ct);
        var current = await membership.MembersAsync(segment.Id, ct);
        var exited = current.Where(id => !matching.Contains(id)).ToList();
        var entered = matching.Where(id => !current.Contains(id)).Order().ToList();
        // Large changes go in parts, each its own unit of work; a build cut short starts over from the members it left.
        // Each part moves the cursor's version too, so a step that read the members before cannot commit over them.
        var parts = exited.Chunk(WriteChunk).Select(c => (Exit: true, Ids: c))
            .Concat(entered.Chunk(WriteChunk).Select(c => (Exit: false, Ids: c))).ToList();
        for (var i = 0; i < parts.Count - 1; i++)
        {
            await ApplyAsync(segment, parts[i], ct);
            progress.Building();
            cursor.Touch();
            if (await Writes.SaveAsync(db, ct) is not null) return false;
        }
        if (parts.Count > 0) await ApplyAsync(segment, parts[^1], ct);
        progress.Built(segment.FilterRevision, sequence, clock.GetUtcNow());
        cursor.Touch();
        return await Writes.SaveAsync(db, ct) is null;
    }

    private Task<long> LastSequenceAsync(CancellationToken ct) => EventPositions.LastAsync(db, workspace.RequiredId, ct);

    /// <summary>Brings the members among some records in line with the records that meet the filter.</summary>
    private async Task ApplyAsync(Segment segment, HashSet<Guid> members, HashSet<Guid> matching, CancellationToken ct)
    {
        await membership.ExitAsync(segment, [.. members.Where(id => !matching.Contains(id)).Order()], ct);
        membership.Enter(segment, [.. matching.Where(id => !members.Contains(id)).Order()]);
    }

    private async Task ApplyAsync(Segment segment, (bool Exit, Guid[] Ids) part, CancellationToken ct)
    {
        if (part.Exit) await membership.ExitAsync(segment, part.Ids, ct);
        else membership.Enter(segment, part.Ids);
    }

    private async Task<bool> ApplyEventsAsync(List<Segment> segments, Dictionary<Guid, SegmentProgress> progress, SegmentCursor cursor,
        CancellationToken ct)
    {
        long Position(Segment s) => progress[s.Id].PositionWith(cursor);
        var from = segments.Min(Position);
        // Every event up to the last position is readable now. Membership events change no record: the batch skips
        // them in the query, which after a large build saves reading them all.
        var upTo = await LastSequenceAsync(ct);
        if (upTo <= from) return false;
        var events = await db.Events.AsNoTracking()
            .Where(e => e.Sequence > from && e.Sequence <= upTo && !e.Type.StartsWith("segment."))
            .OrderBy(e => e.Sequence).Take(BatchMax)
            .Select(e => new Touch(e.Sequence, e.Type, e.ObjectType, e.ObjectId, e.RelatedType, e.RelatedId, e.Changes)).ToListAsync(ct);
        var last = events.Count == BatchMax ? events[^1].Sequence : upTo;
        // Segments of one type at one position see the same events: their records are found once, their members read
        // in one query and their filters run in one (a column each).
        foreach (var group in segments.Where(s => Position(s) < last).GroupBy(s => (s.ObjectType, Position(s))))
        {
            var (objectType, position) = group.Key;
            var news = events.Where(e => e.Sequence > position).ToList();
            var (records, reached) = await AffectedAsync(objectType, news, ct);
            if (records.Count == 0) continue;
            var list = group.ToList();
            var members = await membership.MembersAmongAsync([.. list.Select(s => s.Id)], records, ct);
            // An update re-evaluates a record only for the segments whose filter reads a field it changed.
            var changed = ChangedFields(objectType, news, reached);
            var dynamic = list.Where(s => s.Kind == SegmentKind.Dynamic).ToList();
            var reads = await filters.OwnFieldsAsync(objectType, [.. dynamic.Select(s => s.Filter!)], ct);
            var due = dynamic.Select((s, i) => (Segment: s, Records: records.Where(r => MayChange(reads[i], changed.GetValueOrDefault(r))).ToHashSet()))
                .Where(d => d.Records.Count > 0).ToList();
            var matching = await filters.MatchingEachAsync(objectType, [.. due.SelectMany(d => d.Records).Distinct()], [.. due.Select(d => d.Segment.Filter!)], ct);
            for (var i = 0; i < due.Count; i++)
                await ApplyAsync(due[i].Segment, [.. members[due[i].Segment.Id].Where(due[i].Records.Contains)], [.. matching[i].Where(due[i].Records.Contains)], ct);
            var gone = news.Where(e => e.ObjectType == objectType && e.Type == EventTypes.For(objectType, EventTypes.Deleted)).Select(e => e.ObjectId).ToHashSet();
            var live = gone.Count == 0 ? [] : await filters.ExistingAsync(objectType, gone, ct);
            // A record deleted leaves the static segments it was in (a dynamic segment's filter sees it gone).
            foreach (var s in list.Where(s => s.Kind == SegmentKind.Static))
                await membership.ExitAsync(s, [.. members[s.Id].Where(id => gone.Contains(id) && !live.Contains(id)).Order()], ct);
        }
        cursor.Advance(last);
        return await Writes.SaveAsync(db, ct) is null;
    }

    /// <summary>
    /// The records of <paramref name="objectType"/> whose membership <paramref name="events"/> may have changed, and
    /// among them those reached through a changed company, contact or activity.
    /// </summary>
    private async Task<(HashSet<Guid> Records, HashSet<Guid> Reached)> AffectedAsync(string objectType, List<Touch> events, CancellationToken ct)
    {
        var records = new HashSet<Guid>();
        var reached = new HashSet<Guid>();
        foreach (var e in events)
        {
            if (e.ObjectType == objectType) records.Add(e.ObjectId);
            if (e.RelatedType == objectType && e.RelatedId is { } related) records.Add(related);
        }
        List<Guid> Of(string type) => [.. events.Where(e => e.ObjectType == type).Select(e => e.ObjectId).Distinct()];
        var companies = Of("company");
        var contacts = Of("contact");
        var activities = Of("activity");
        switch (objectType)
        {
            case "contact":
                if (companies.Count > 0)
                    reached.UnionWith(await db.ContactCompanies.Where(l => companies.Contains(l.CompanyId)).Select(l => l.ContactId).ToListAsync(ct));
                if (activities.Count > 0)
                    reached.UnionWith(await db.ActivityContacts.Where(l => activities.Contains(l.ActivityId)).Select(l => l.ContactId).ToListAsync(ct));
                break;
            case "company":
                if (activities.Count > 0)
                    reached.UnionWith(await db.ActivityCompanies.Where(l => activities.Contains(l.ActivityId)).Select(l => l.CompanyId).ToListAsync(ct));
                break;
            case "deal":
                if (companies.Count > 0)
                    reached.UnionWith(await db.DealCompanies.Where(l => companies.Contains(l.CompanyId)).Select(l => l.DealId).ToListAsync(ct));
                if (contacts.Count > 0)
                    reached.UnionWith(await db.DealContacts.Where(l => contacts.Contains(l.ContactId)).Select(l => l.DealId).ToListAsync(ct));
                if (activities.Count > 0)
                    reached.UnionWith(await db.ActivityDeals.Where(l => activities.Contains(l.ActivityId)).Select(l => l.DealId).ToListAsync(ct));
                break;
        }
        records.UnionWith(reached);
        return (records, reached);
    }

    private sealed record Touch(long Sequence, string Type, string ObjectType, Guid ObjectId, string? RelatedType, Guid? RelatedId, string? Changes);

    /// <summary>
    /// For the records that only their own <c>.updated</c> events touched, the fields those changed (the paths of their
    /// <c>changes</c>); every other record (created, deleted, linked, or reached through another record) is missing, and
    /// is re-evaluated for every segment.
    /// </summary>
    private static Dictionary<Guid, HashSet<string>> ChangedFields(string objectType, List<Touch> events, HashSet<Guid> reached)
    {
        var updated = EventTypes.For(objectType, EventTypes.Updated);
        var changed = new Dictionary<Guid, HashSet<string>>();
        var whole = new HashSet<Guid>();
        foreach (var e in events)
        {
            if (e.ObjectType == objectType && e.Type == updated && e.Changes is { } json)
            {
                using var changes = JsonDocument.Parse(json);
                if (!changed.TryGetValue(e.ObjectId, out var fields)) changed[e.ObjectId] = fields = [];
                foreach (var path in changes.RootElement.EnumerateObject()) fields.Add(path.Name);
            }
            else
            {
                if (e.ObjectType == objectType) whole.Add(e.ObjectId);
                if (e.RelatedType == objectType && e.RelatedId is { } related) whole.Add(related);
            }
        }
        foreach (var id in whole.Concat(reached)) changed.Remove(id);
        return changed;
    }

    /// <summary>
    /// Whether a filter reading <paramref name="reads"/> (null: more than the record's own fields) may answer otherwise
    /// after a change of <paramref name="changed"/> (null: any change). A path and a field match when one is the other
    /// or lies inside it (<c>address</c> and <c>address.city</c>).
    /// </summary>
    private static bool MayChange(IReadOnlySet<string>? reads, HashSet<string>? changed)
        => reads is null || changed is null || changed.Any(path => reads.Any(field =>
            path == field || path.StartsWith(field + ".", StringComparison.Ordinal) || field.StartsWith(path + ".", StringComparison.Ordinal)));

    /// <summary>The workspaces that have segments, for the worker (it runs each in a scope of its own).</summary>
    public Task<List<Guid>> WorkspacesAsync(CancellationToken ct)
        => db.Segments.IgnoreQueryFilters().Select(s => s.WorkspaceId).Distinct().ToListAsync(ct);
}
