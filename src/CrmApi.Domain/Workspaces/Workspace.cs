namespace CrmApi.Domain.Workspaces;

/// <summary>A tenant: every record and key belongs to exactly one.</summary>
public sealed class Workspace(Guid id, string name, DateTimeOffset createdAt)
{
    public Guid Id { get; private set; } = id;
    public string Name { get; private set; } = name;
    public DateTimeOffset CreatedAt { get; private set; } = createdAt;
}
