namespace CrmApi.Application.Events;

/// <summary>The record an event is about: <c>{ "type": "contact", "id": ... }</c>.</summary>
public sealed record EventObjectDto(string Type, Guid Id);
