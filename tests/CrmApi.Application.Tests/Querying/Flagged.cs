namespace CrmApi.Application.Tests.Querying;

/// <summary>A tiny entity with a boolean, which no CRM object has yet, to exercise boolean fields.</summary>
public sealed record Flagged(Guid Id, bool? Active);
