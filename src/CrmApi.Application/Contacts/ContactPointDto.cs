namespace CrmApi.Application.Contacts;

public sealed record ContactPointDto(string Value, bool Primary);
