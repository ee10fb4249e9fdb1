using System.Text.Json.Nodes;

namespace CrmApi.Application.Events;

/// <summary>One event type of the public contract, with the JSON Schema of its payload.</summary>
public sealed record EventTypeInfo(string Type, string Description, string ObjectType, JsonNode Schema);
