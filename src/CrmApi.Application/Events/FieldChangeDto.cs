using System.Text.Json;

namespace CrmApi.Application.Events;

/// <summary>One change of one field: before, after, when, by whom, and the event it came from.</summary>
public sealed record FieldChangeDto(
    string Field, JsonElement? Before, JsonElement? After, DateTimeOffset ChangedAt, EventActorDto ChangedBy, string EventType, Guid EventId);
