namespace CrmApi.Application.ApiKeys;

/// <summary>A new API key with its secret <c>key</c>, shown this once.</summary>
public sealed record CreatedApiKeyDto(
    Guid Id, string Name, string Key, string Prefix, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt);
