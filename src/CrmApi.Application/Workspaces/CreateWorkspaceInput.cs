namespace CrmApi.Application.Workspaces;

public sealed class CreateWorkspaceInput
{
    public string? Name { get; init; }
}
