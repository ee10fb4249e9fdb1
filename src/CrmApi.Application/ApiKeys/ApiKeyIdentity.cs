namespace CrmApi.Application.ApiKeys;

/// <summary>Who a presented key is: its workspace, its id and what it may do.</summary>
public sealed record ApiKeyIdentity(Guid WorkspaceId, Guid KeyId, IReadOnlyList<string> Scopes);
