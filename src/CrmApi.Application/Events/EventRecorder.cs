using System.Text.Json;
using System.Text.Json.Nodes;
using CrmApi.Application.Common;
using CrmApi.Domain.Events;

namespace CrmApi.Application.Events;

/// <summary>
/// Adds an event to the current unit of work, so it is saved in the same transaction as the change it describes.
/// The only way events are made.
/// </summary>
public sealed class EventRecorder(ICrmDbContext db, WorkspaceContext workspace, TimeProvider clock)
{
    /// <summary>
    /// Fields that change with every write and say nothing about what changed, and fields computed when read (a
    /// ticket's <c>sla</c>, which follows from its stored facts and the time).
    /// </summary>
    private static readonly HashSet<string> Bookkeeping = ["version", "updatedAt", "sla"];

    /// <summary>Whether a change to the field shows in an event's <c>changes</c> (bookkeeping fields never do).</summary>
    public static bool ShowsInChanges(string field) => !Bookkeeping.Contains(field.Split('.')[0]);

    public static JsonNode ToJson<T>(T value) => JsonSerializer.SerializeToNode(value, CrmJson.Options)!;

    public Event Record(string type, string objectType, Guid objectId, JsonNode? data, JsonObject? changes = null,
        string? relatedType = null, Guid? relatedId = null)
    {
        var e = Create(type, objectType, objectId, data?.ToJsonString(CrmJson.Options), changes?.ToJsonString(CrmJson.Options), relatedType, relatedId);
        db.Events.Add(e);
        return e;
    }

    /// <summary>
    /// Many events at once, for the bulk path (<see cref="ICrmDbContext.AddInBulk{TEntity}"/>): each as
    /// <see cref="Record"/> makes it, with <paramref name="data"/> already JSON text.
    /// </summary>
    public void RecordInBulk<T>(IEnumerable<T> items, Func<T, (string Type, string ObjectType, Guid ObjectId, string Data, string? RelatedType, Guid? RelatedId)> describe)
        => db.AddInBulk(items.Select(item =>
        {
            var (type, objectType, objectId, data, relatedType, relatedId) = describe(item);
            return Create(type, objectType, objectId, data, null, relatedType, relatedId);
        }));

    private Event Create(string type, string objectType, Guid objectId, string? data, string? changes, string? relatedType, Guid? relatedId)
    {
        var now = clock.GetUtcNow();
        return new Event(Guid.CreateVersion7(now), workspace.RequiredId, type, now, objectType, objectId,
            workspace.ActorType, workspace.ActorId, changes, data, relatedType, relatedId);
    }

    /// <summary>
    /// The fields that differ between two representations of a record, as dotted paths (<c>address.city</c>,
    /// <c>externalIds.shopify</c>) each with its before and after; lists compare whole. Null when nothing changed.
    /// </summary>
    public static JsonObject? Diff(JsonNode? before, JsonNode? after)
    {
        var changes = new JsonObject();
        Walk("", before, after, changes);
        return changes.Count == 0 ? null : changes;
    }

    private static void Walk(string path, JsonNode? before, JsonNode? after, JsonObject changes)
    {
        // A missing object compares as an empty one, so its fields are listed one by one.
        if ((before is JsonObject || after is JsonObject) && before is JsonObject or null && after is JsonObject or null)
        {
            var b = before as JsonObject ?? [];
            var a = after as JsonObject ?? [];
            foreach (var key in b.Select(p => p.Key).Union(a.Select(p => p.Key)))
            {
                if (path.Length == 0 && Bookkeeping.Contains(key)) continue;
                Walk(path.Length == 0 ? key : $"{path}.{key}", b[key], a[key], changes);
            }
            return;
        }
        if (!JsonNode.DeepEquals(before, after))
            changes[path] = new JsonObject { ["before"] = before?.DeepClone(), ["after"] = after?.DeepClone() };
    }
}
