using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using CrmApi.Application.Activities;
using CrmApi.Application.Common;
using CrmApi.Application.Companies;
using CrmApi.Application.Contacts;
using CrmApi.Application.Contacts.LinkCompany;
using CrmApi.Application.Deals;
using CrmApi.Application.Tickets;
using CrmApi.Application.Segments;
using CrmApi.Application.Webhooks;
using CrmApi.Domain.Events;

namespace CrmApi.Application.Events;

/// <summary>
/// Every event type with a description and the JSON Schema of its payload (the event envelope with <c>data</c> typed),
/// for <c>GET /meta/event-types</c>, the OpenAPI <c>webhooks</c> section and generated SDK types.
/// </summary>
public static class EventCatalog
{
    /// <summary>The representation each object type's events carry in <c>data</c>.</summary>
    public static readonly IReadOnlyDictionary<string, Type> DataTypes = new Dictionary<string, Type>
    {
        ["contact"] = typeof(ContactDto),
        ["company"] = typeof(CompanyDto),
        ["association"] = typeof(AssociationDto),
        ["activity"] = typeof(ActivityDto),
        ["deal"] = typeof(DealDto),
        ["ticket"] = typeof(TicketDto),
        ["webhook"] = typeof(WebhookDto),
        ["segment"] = typeof(SegmentMembershipDto),
    };

    /// <summary>Event types whose <c>data</c> is not the record itself.</summary>
    private static readonly Dictionary<string, Type> DataTypesByEvent = new()
    {
        [EventTypes.DealStageChanged] = typeof(DealStageChangeDto),
        [EventTypes.TicketStatusChanged] = typeof(TicketStatusChangeDto),
        [EventTypes.TicketAssigned] = typeof(TicketAssignmentDto),
        [EventTypes.TicketCommentAdded] = typeof(TicketCommentAddedDto),
        [EventTypes.TicketSlaBreached] = typeof(TicketSlaBreachDto),
        [EventTypes.TicketSatisfactionReceived] = typeof(TicketSatisfactionReceivedDto),
        [EventTypes.WebhookDeliveryExhausted] = typeof(WebhookDeliveryDto),
    };

    /// <summary>What the deal's own events say, beyond the record events every type has.</summary>
    private static readonly Dictionary<string, string> Descriptions = new()
    {
        [EventTypes.DealStageChanged] = "A deal moved to another stage (of its pipeline or another one): `data` holds `from` and `to` "
            + "(pipeline, stage, category), `secondsInFrom` (how long it stayed in `from`) and the deal after the move.",
        [EventTypes.DealWon] = "A deal entered a won stage from one that was not won (or was created in one); its `closedAt` is set. "
            + "`data` is the deal.",
        [EventTypes.DealLost] = "A deal entered a lost stage from one that was not lost (or was created in one); its `closedAt` is set. "
            + "`data` is the deal.",
        [EventTypes.TicketStatusChanged] = "A ticket moved to another stage: `data` holds `from` and `to` (pipeline, stage, state), "
            + "`secondsInFrom` and the ticket after the move.",
        [EventTypes.TicketAssigned] = "A ticket's assignee became someone: `data` holds `from` (null: it was unassigned), `to` and the ticket.",
        [EventTypes.TicketCommentAdded] = "A comment was added to a ticket: `data` holds the comment and the ticket after it "
            + "(the first public agent comment sets `firstRespondedAt`).",
        [EventTypes.TicketSolved] = "A ticket entered a solved or closed state from an unresolved one (or was created in one); "
            + "its `solvedAt` is set. `data` is the ticket.",
        [EventTypes.TicketReopened] = "A solved or closed ticket moved back to new, open or pending; its `solvedAt` is cleared and "
            + "the time it spent solved does not count against its resolution target. `data` is the ticket.",
        [EventTypes.TicketSlaBreached] = "A ticket missed an SLA target, sent once per ticket and target at the moment it was due "
            + "(a few seconds late at most): `data` holds `target` (firstResponse or resolution), `policyId`, `dueAt` and the ticket.",
        [EventTypes.TicketSatisfactionReceived] = "The requester rated a solved ticket: `data` holds `score` (1..5), `comment`, "
            + "`receivedAt` and the ticket.",
        [EventTypes.WebhookTest] = "Sent to one endpoint when its owner asks for a test (POST /webhooks/{id}/test); never in the change "
            + "feed. `data` is the endpoint (without its secret).",
        [EventTypes.WebhookDeliveryExhausted] = "A webhook message failed every attempt of the retry schedule and will not be sent again "
            + "unless retried or recovered. `data` is the delivery.",
        [EventTypes.WebhookDisabled] = "A webhook endpoint was disabled by the delivery rules: it answered 410 Gone, or every delivery "
            + "to it failed for 5 days (`disabledReason` gone or failing). `data` is the endpoint.",
        [EventTypes.SegmentEntered] = "A record became a member of a segment: it came to meet a dynamic segment's filter (when the "
            + "segment was built, or after a change), or was added to a static one. `object` is the segment, `relatedType` and "
            + "`relatedId` the record; `data` holds the segment's id, name and object type and the record's id.",
        [EventTypes.SegmentExited] = "A record stopped being a member of a segment: it no longer meets a dynamic segment's filter "
            + "(or was deleted), or was removed from a static one. `object` is the segment, `relatedType` and `relatedId` the record; "
            + "`data` as for segment.entered.",
    };

    private static readonly Dictionary<string, string> Actions = new()
    {
        [EventTypes.Created] = "was created",
        [EventTypes.Updated] = "changed; `changes` holds each changed field with before and after",
        [EventTypes.Deleted] = "was deleted (it can be restored)",
        [EventTypes.Restored] = "was restored",
    };

    public static IReadOnlyList<EventTypeInfo> All { get; } = Build();

    private static List<EventTypeInfo> Build()
    {
        var list = new List<EventTypeInfo>();
        foreach (var type in EventTypes.All)
        {
            var dot = type.IndexOf('.');
            var (objectType, action) = (type[..dot], type[(dot + 1)..]);
            var description = Descriptions.TryGetValue(type, out var special) ? special
                : objectType == "association"
                    ? $"A contact's link to a company was {action}; `object` is the contact, `data` the link."
                    : $"A {objectType} {Actions[action]}. `data` is the {objectType} after the change.";
            list.Add(new EventTypeInfo(type, description, objectType, SchemaFor(objectType, [type])));
        }
        return list;
    }

    /// <summary>The payload schema of the events of one object type; <paramref name="types"/> are the allowed <c>type</c> values.</summary>
    public static JsonObject SchemaFor(string objectType, IReadOnlyList<string> types)
    {
        var envelope = Export(typeof(EventDto));
        var properties = envelope["properties"]!.AsObject();
        properties["type"] = types.Count == 1
            ? new JsonObject { ["type"] = "string", ["const"] = types[0] }
            : new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. types.Select(t => (JsonNode)t)]) };
        var dataType = DataTypeOf(objectType, types);
        properties["data"] = Export(dataType);
        properties["changes"] = new JsonObject
        {
            ["type"] = new JsonArray("object", "null"),
            ["description"] = "For updates: each changed field (dotted path) with its value before and after.",
            ["additionalProperties"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject { ["before"] = new JsonObject(), ["after"] = new JsonObject() },
            },
        };
        envelope["title"] = types.Count == 1 ? types[0] : $"{objectType} event";
        envelope["type"] = "object";
        return envelope;
    }

    /// <summary>
    /// The type of <c>data</c> shared by <paramref name="types"/>: the record's representation, or what a special event
    /// carries (<c>deal.stage_changed</c>). Types whose data differ cannot share one schema.
    /// </summary>
    public static Type DataTypeOf(string objectType, IReadOnlyList<string> types)
    {
        var found = types.Select(t => DataTypesByEvent.GetValueOrDefault(t) ?? DataTypes[objectType]).Distinct().ToList();
        return found.Count == 1 ? found[0] : throw new ArgumentException($"The event types {string.Join(", ", types)} carry different data.", nameof(types));
    }

    /// <summary>
    /// The name of the shared payload schema of an event type (OpenAPI components): <c>DealEvent</c> for the record events
    /// of deals, <c>DealStageChangedEvent</c> for an event with data of its own.
    /// </summary>
    public static string SchemaNameOf(EventTypeInfo info)
    {
        var name = DataTypesByEvent.ContainsKey(info.Type) ? info.Type : info.ObjectType;
        return string.Concat(name.Split('.', '_').Select(p => char.ToUpperInvariant(p[0]) + p[1..])) + "Event";
    }

    /// <summary>A type's schema with every internal pointer replaced by a copy of what it points to.</summary>
    private static JsonObject Export(Type type)
    {
        var schema = JsonSchemaExporter.GetJsonSchemaAsNode(CrmJson.Options, type).AsObject();
        return OpenSchemas((JsonObject)Inline(schema, (JsonObject)schema.DeepClone()));
    }

    /// <summary>
    /// The exporter writes "any JSON" (a <c>JsonElement</c> such as a webhook's filter) as the boolean schema
    /// <c>true</c>, which OpenAPI tooling cannot hold as a schema object: it becomes <c>{}</c>, which means the same.
    /// </summary>
    private static JsonObject OpenSchemas(JsonObject schema)
    {
        foreach (var key in new[] { "properties", "patternProperties" })
        {
            if (schema[key] is not JsonObject properties) continue;
            foreach (var name in properties.Select(p => p.Key).ToList())
            {
                if (properties[name] is JsonValue v && v.TryGetValue<bool>(out var b) && b) properties[name] = new JsonObject();
                else if (properties[name] is JsonObject child) OpenSchemas(child);
            }
        }
        if (schema["items"] is JsonValue items && items.TryGetValue<bool>(out var anyItem) && anyItem) schema["items"] = new JsonObject();
        foreach (var key in new[] { "items", "additionalProperties" })
            if (schema[key] is JsonObject child) OpenSchemas(child);
        foreach (var key in new[] { "anyOf", "oneOf", "allOf" })
            if (schema[key] is JsonArray list)
                foreach (var item in list.OfType<JsonObject>()) OpenSchemas(item);
        return schema;
    }

    /// <summary>
    /// The exporter writes a repeated type once and points to it (<c>#/properties/data/...</c>); such pointers break
    /// when the schema is embedded elsewhere (OpenAPI components), so each is replaced by a copy of its target.
    /// </summary>
    private static JsonNode Inline(JsonNode node, JsonObject root)
    {
        switch (node)
        {
            case JsonObject obj when obj["$ref"]?.GetValue<string>() is { } pointer && pointer.StartsWith("#/", StringComparison.Ordinal):
                JsonNode target = root;
                foreach (var part in pointer[2..].Split('/'))
                    target = target is JsonArray array ? array[int.Parse(part, System.Globalization.CultureInfo.InvariantCulture)]! : target[part]!;
                return Inline(target.DeepClone(), root);
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                    if (obj[key] is { } child) obj[key] = Inline(child.DeepClone(), root);
                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                    if (array[i] is { } child) array[i] = Inline(child.DeepClone(), root);
                return array;
            default:
                return node;
        }
    }
}
