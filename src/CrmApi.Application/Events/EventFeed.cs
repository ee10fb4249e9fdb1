using System.Linq.Expressions;
using CrmApi.Application.Common;
using CrmApi.Application.Querying;
using CrmApi.Domain.Events;
using Microsoft.EntityFrameworkCore;

namespace CrmApi.Application.Events;

/// <summary>
/// The change feed. Positions are handed out in commit order (see the data layer), so reading "after N in position
/// order" never skips an event that commits later.
/// </summary>
public sealed class EventFeed(ICrmDbContext db, WorkspaceContext workspace, IEventSignal signal, TimeProvider clock)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
    public const int MaxWaitSeconds = 30;

    /// <summary>How often a waiting reader re-checks the database for events another instance committed.</summary>
    private static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(1);

    public async Task<Result<EventPage>> ReadAsync(EventFeedRequest request, CancellationToken ct)
    {
        var errors = new List<Error>();
        var limit = request.Limit ?? DefaultLimit;
        if (PageLimit.Check(limit, MaxLimit) is { } badLimit) errors.Add(badLimit);
        var wait = request.Wait ?? 0;
        if (wait is < 0 or > MaxWaitSeconds) errors.Add(Error.Validation("wait", $"'wait' must be between 0 and {MaxWaitSeconds} seconds; got {wait}."));
        long after = 0;
        if (request.After is { Length: > 0 } cursor && !EventCursor.TryDecode(cursor, out after))
            errors.Add(Error.Validation("after", "The cursor is not one this feed handed out."));
        var types = EventTypePattern.Parse(request.Types, errors);
        if (errors.Count > 0) return Result<EventPage>.Fail(errors);

        var workspaceId = workspace.RequiredId;
        if (after > 0)
        {
            var pruned = await db.EventSequences.AsNoTracking().Where(s => s.WorkspaceId == workspaceId)
                .Select(s => s.PrunedThrough).FirstOrDefaultAsync(ct);
            if (after < pruned)
                return new Error(ErrorCodes.Gone,
                    $"Events up to position {pruned} were removed by the retention policy, so this cursor can no longer continue "
                    + $"without a gap. Restart from cursor '{EventCursor.Encode(pruned)}' (the oldest retained event), "
                    + "or with no cursor, and reconcile with a full read of the records.", "after");
        }

        var query = db.Events.AsNoTracking().Where(e => e.Sequence > after);
        if (types is not null) query = query.Where(types);
        if (request.ObjectId is { } objectId) query = query.Where(e => e.ObjectId == objectId || e.RelatedId == objectId);
        query = query.OrderBy(e => e.Sequence).Take(limit);

        var deadline = clock.GetUtcNow().AddSeconds(wait);
        List<Event> rows;
        while (true)
        {
            rows = await query.ToListAsync(ct);
            var remaining = deadline - clock.GetUtcNow();
            if (rows.Count > 0 || remaining <= TimeSpan.Zero) break;
            await signal.WaitAsync(workspaceId, remaining < RecheckInterval ? remaining : RecheckInterval, ct);
        }
        var next = rows.Count > 0 ? rows[^1].Sequence : after;
        return new EventPage([.. rows.Select(EventDto.From)], EventCursor.Encode(next));
    }
}
