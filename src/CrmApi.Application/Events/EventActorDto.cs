namespace CrmApi.Application.Events;

/// <summary>Who made the change: an API key (with its id) or the system.</summary>
public sealed record EventActorDto(string Type, string? Id);
