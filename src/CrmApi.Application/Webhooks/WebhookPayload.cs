using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmApi.Application.Common;
using CrmApi.Application.Events;
using CrmApi.Domain.Events;

namespace CrmApi.Application.Webhooks;

/// <summary>
/// The body of a webhook request: <c>{ "type", "timestamp", "data" }</c> (Standard Webhooks), where <c>data</c> is the
/// event as the change feed shows it: id, sequence (to order deliveries), object, actor, changes with before and after,
/// and the record as <c>data</c>. A body over 20 KB keeps the event's reference and changes and drops the record for
/// <c>recordUrl</c>; should the changes alone be too large, they go too (<c>truncated: true</c> says so).
/// </summary>
public static class WebhookPayload
{
    public const int MaxBytes = 20 * 1024;

    private static readonly Dictionary<string, string> Paths = new()
    {
        ["contact"] = "contacts", ["company"] = "companies", ["activity"] = "activities", ["deal"] = "deals", ["ticket"] = "tickets",
    };

    public static string From(Event e)
    {
        var data = JsonSerializer.SerializeToNode(EventDto.From(e), CrmJson.Options)!.AsObject();
        var body = Envelope(e.Type, e.OccurredAt, data);
        if (Encoding.UTF8.GetByteCount(body) <= MaxBytes) return body;
        data["data"] = null;
        data["recordUrl"] = Paths.TryGetValue(e.ObjectType, out var path) ? $"/api/v1/{path}/{e.ObjectId}" : null;
        data["truncated"] = true;
        body = Envelope(e.Type, e.OccurredAt, data);
        if (Encoding.UTF8.GetByteCount(body) <= MaxBytes) return body;
        data["changes"] = null;
        return Envelope(e.Type, e.OccurredAt, data);
    }

    /// <summary>The body of a <c>webhook.test</c> message: the endpoint it was sent to.</summary>
    public static string Test(Guid eventId, DateTimeOffset at, WebhookDto endpoint)
        => Envelope(EventTypes.WebhookTest, at, new JsonObject
        {
            ["id"] = eventId,
            ["sequence"] = 0,
            ["type"] = EventTypes.WebhookTest,
            ["occurredAt"] = at,
            ["object"] = new JsonObject { ["type"] = "webhook", ["id"] = endpoint.Id },
            ["data"] = JsonSerializer.SerializeToNode(endpoint, CrmJson.Options),
        });

    private static string Envelope(string type, DateTimeOffset at, JsonObject data)
        => new JsonObject { ["type"] = type, ["timestamp"] = at, ["data"] = data.DeepClone() }.ToJsonString(CrmJson.Options);
}
