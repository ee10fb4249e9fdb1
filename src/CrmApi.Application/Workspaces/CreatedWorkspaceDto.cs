using CrmApi.Application.ApiKeys;

namespace CrmApi.Application.Workspaces;

/// <summary>A new workspace and its first full-scope key (the secret is shown this once).</summary>
public sealed record CreatedWorkspaceDto(Guid Id, string Name, DateTimeOffset CreatedAt, CreatedApiKeyDto ApiKey);
