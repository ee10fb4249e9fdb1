namespace CrmApi.Application.ApiKeys;

public sealed class CreateApiKeyInput
{
    public string? Name { get; init; }
    public List<string?>? Scopes { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
}
