using System.Globalization;
using System.Text;
using CrmApi.Application.Activities;
using CrmApi.Application.Common;
using CrmApi.Application.Events;
using CrmApi.Application.Querying;
using Microsoft.EntityFrameworkCore;

namespace CrmApi.Application.Timeline;

/// <summary>
/// A contact's, company's or deal's timeline: the activities linked to it and the events about it (its own changes and its
/// links), merged newest first and keyset-paged over (occurredAt, id).
/// </summary>
public sealed class TimelineReader(ICrmDbContext db)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
    private const string Prefix = "tl1:";

    public async Task<Result<TimelinePage>> ReadAsync(string objectType, Guid id, int? limit, string? cursor, CancellationToken ct)
    {
        var take = limit ?? DefaultLimit;
        if (PageLimit.Check(take, MaxLimit) is { } badLimit) return badLimit;
        var (before, beforeId) = (DateTimeOffset.MaxValue, Guid.Empty);
        if (cursor is { Length: > 0 } && !TryDecode(cursor, out before, out beforeId))
            return Error.Validation("cursor", "The cursor is not one this timeline handed out.");
        var first = cursor is not { Length: > 0 };

        // Driven by the record's links, so the cost follows the record's own activities, not the workspace's: an EXISTS
        // per activity made SQLite walk every activity of the workspace in time order.
        var linked = objectType switch
        {
            "contact" => db.ActivityContacts.Where(l => l.ContactId == id).Select(l => l.ActivityId),
            "company" => db.ActivityCompanies.Where(l => l.CompanyId == id).Select(l => l.ActivityId),
            "deal" => db.ActivityDeals.Where(l => l.DealId == id).Select(l => l.ActivityId),
            // Activities are not linked to tickets: a ticket's timeline is its events (comments included).
            "ticket" => db.ActivityDeals.Where(l => false).Select(l => l.ActivityId),
            _ => throw new ArgumentOutOfRangeException(nameof(objectType), objectType, "No timeline for this object type."),
        };
        var activities = db.Activities.Include(a => a.Contacts).Include(a => a.Companies).Include(a => a.Deals).AsNoTracking()
            .Where(a => linked.Contains(a.Id));
        if (!first) activities = activities.Where(a => a.OccurredAt < before || (a.OccurredAt == before && a.Id < beforeId));
        var activityRows = await activities.OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id).Take(take + 1).ToListAsync(ct);

        // Two index lookups (about the record, and about another record it is linked to) rather than one OR, which
        // SQLite answers by reading the workspace's whole event log.
        var events = db.Events.AsNoTracking().Where(e => e.ObjectId == id)
            .Concat(db.Events.AsNoTracking().Where(e => e.RelatedId == id && e.ObjectId != id));
        if (!first) events = events.Where(e => e.OccurredAt < before || (e.OccurredAt == before && e.Id < beforeId));
        var eventRows = await events.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).Take(take + 1).ToListAsync(ct);

        var merged = activityRows.Select(a => new TimelineItemDto("activity", a.Id, a.OccurredAt, ActivityDto.Of(a), null))
            .Concat(eventRows.Select(e => new TimelineItemDto("event", e.Id, e.OccurredAt, null, EventDto.From(e))))
            .OrderByDescending(i => i.OccurredAt).ThenByDescending(i => i.Id)
            .ToList();
        var page = merged.Take(take).ToList();
        var next = merged.Count > take ? Encode(page[^1].OccurredAt, page[^1].Id) : null;
        return new TimelinePage(page, next);
    }

    private static string Encode(DateTimeOffset at, Guid id)
        => Convert.ToBase64String(Encoding.ASCII.GetBytes($"{Prefix}{at.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{id:N}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryDecode(string cursor, out DateTimeOffset at, out Guid id)
    {
        (at, id) = (default, default);
        try
        {
            var b64 = cursor.Replace('-', '+').Replace('_', '/');
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(b64.PadRight(b64.Length + (4 - b64.Length % 4) % 4, '=')));
            var parts = text.StartsWith(Prefix, StringComparison.Ordinal) ? text[Prefix.Length..].Split(':') : [];
            if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                || ticks > DateTimeOffset.MaxValue.UtcTicks || !Guid.TryParseExact(parts[1], "N", out id)) return false;
            at = new DateTimeOffset(ticks, TimeSpan.Zero);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
