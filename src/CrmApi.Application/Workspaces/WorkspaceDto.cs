namespace CrmApi.Application.Workspaces;

public sealed record WorkspaceDto(Guid Id, string Name, DateTimeOffset CreatedAt);
