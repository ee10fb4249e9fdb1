using System.Text.Json;
using CrmApi.Domain.Events;

namespace CrmApi.Application.Events;

/// <summary>An event as the change feed, webhooks and subscriptions deliver it.</summary>
public sealed record EventDto(
    Guid Id,
    long Sequence,
    string Type,
    DateTimeOffset OccurredAt,
    EventObjectDto Object,
    EventActorDto Actor,
    JsonElement? Changes,
    JsonElement? Data)
{
    public static EventDto From(Event e) => new(
        e.Id, e.Sequence, e.Type, e.OccurredAt, new EventObjectDto(e.ObjectType, e.ObjectId), new EventActorDto(e.ActorType, e.ActorId),
        Parse(e.Changes), Parse(e.Data));

    private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
}
