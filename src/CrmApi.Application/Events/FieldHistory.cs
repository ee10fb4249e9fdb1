using System.Text.Json;
using System.Text.Json.Nodes;
using CrmApi.Application.Common;
using CrmApi.Application.Querying;
using CrmApi.Domain.Events;
using Microsoft.EntityFrameworkCore;

namespace CrmApi.Application.Events;

/// <summary>
/// A record's field history, read from the event log: its creation (each field's first value) and every update (each
/// changed field with before and after), newest first.
/// </summary>
public sealed class FieldHistory(ICrmDbContext db)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <param name="field">A field path as events name it (<c>email</c>, <c>address.city</c>); null for every field.</param>
    /// <param name="limit">How many events to read: with a field, that is how many changes of it.</param>
    public async Task<Result<FieldHistoryPage>> ReadAsync(string objectType, Guid id, string? field, int? limit, string? cursor, CancellationToken ct)
    {
        var errors = new List<Error>();
        var take = limit ?? DefaultLimit;
        if (PageLimit.Check(take, MaxLimit) is { } badLimit) errors.Add(badLimit);
        long before = long.MaxValue;
        if (cursor is { Length: > 0 } && !EventCursor.TryDecode(cursor, out before))
            errors.Add(Error.Validation("cursor", "The cursor is not one this history handed out."));
        if (field is { Length: 0 or > 200 }) errors.Add(Error.Validation("field", "'field' must be a field name such as 'email' or 'address.city'."));
        if (errors.Count > 0) return Result<FieldHistoryPage>.Fail(errors);

        string created = EventTypes.For(objectType, EventTypes.Created), updated = EventTypes.For(objectType, EventTypes.Updated);
        var query = db.Events.AsNoTracking()
            .Where(e => e.ObjectId == id && e.ObjectType == objectType && e.Sequence < before && (e.Type == created || e.Type == updated));
        if (field is not null)
        {
            // A cheap pre-filter in the database (the key appears in the JSON); the exact match is made below.
            var key = JsonSerializer.Serialize(field) + ":";
            query = query.Where(e => (e.Type == updated && e.Changes!.Contains(key)) || e.Type == created);
        }
        var events = await query.OrderByDescending(e => e.Sequence).Take(take + 1).ToListAsync(ct);
        var more = events.Count > take;
        if (more) events.RemoveAt(events.Count - 1);

        var entries = new List<FieldChangeDto>();
        foreach (var e in events)
        {
            var changes = e.Type == created ? Initial(e.Data) : JsonNode.Parse(e.Changes ?? "{}")!.AsObject();
            foreach (var (name, change) in changes)
            {
                if (field is not null && name != field) continue;
                entries.Add(new FieldChangeDto(name, Element(change?["before"]), Element(change?["after"]), e.OccurredAt,
                    new EventActorDto(e.ActorType, e.ActorId), e.Type, e.Id));
            }
        }
        return new FieldHistoryPage(entries, more ? EventCursor.Encode(events[^1].Sequence) : null);
    }

    /// <summary>A creation sets each field that has a value: before is null.</summary>
    private static JsonObject Initial(string? data)
        => EventRecorder.Diff(new JsonObject(), JsonNode.Parse(data ?? "{}")!.AsObject()) is { } set
            ? new JsonObject(set.Where(p => !JsonInput.ReadOnlyProperties.Contains(p.Key) && p.Value?["after"] is not null && !IsEmpty(p.Value["after"]))
                .Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())))
            : [];

    private static bool IsEmpty(JsonNode? node) => node is JsonArray { Count: 0 } or JsonObject { Count: 0 };

    private static JsonElement? Element(JsonNode? node) => node is null ? null : JsonSerializer.SerializeToElement(node);
}
