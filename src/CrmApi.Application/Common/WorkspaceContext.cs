namespace CrmApi.Application.Common;

/// <summary>
/// The workspace the current request (or job) acts in, set once from its credential. The data layer filters every
/// query by it and stamps it on every new row; while it is unset, workspace-owned queries see nothing.
/// </summary>
public sealed class WorkspaceContext
{
    public Guid? Id { get; private set; }
    public string ActorType { get; private set; } = "system";
    public string? ActorId { get; private set; }

    public Guid RequiredId => Id ?? throw new InvalidOperationException("No workspace is set for this operation.");

    public void Set(Guid workspaceId, string actorType, string? actorId)
    {
        if (Id is not null && Id != workspaceId) throw new InvalidOperationException("The workspace is already set.");
        Id = workspaceId;
        ActorType = actorType;
        ActorId = actorId;
    }
}
