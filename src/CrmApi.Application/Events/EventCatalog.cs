using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using CrmApi.Application.Activities;
using CrmApi.Application.Common;
using CrmApi.Application.Companies;
using CrmApi.Application.Contacts;
using CrmApi.Application.Contacts.LinkCompany;
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
            var description = objectType == "association"
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
        var dataType = DataTypes[objectType];
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

    /// <summary>A type's schema with every internal pointer replaced by a copy of what it points to.</summary>
    private static JsonObject Export(Type type)
    {
        var schema = JsonSchemaExporter.GetJsonSchemaAsNode(CrmJson.Options, type).AsObject();
        return (JsonObject)Inline(schema, (JsonObject)schema.DeepClone());
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
