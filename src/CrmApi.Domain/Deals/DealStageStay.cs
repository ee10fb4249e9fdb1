using CrmApi.Domain.Common;

namespace CrmApi.Domain.Deals;

/// <summary>
/// One stay of a deal in a stage: when it entered, when it left (null while it is still there) and who moved it in.
/// Kept after the stage itself is removed.
/// </summary>
public sealed class DealStageStay : IWorkspaceOwned
{
    private DealStageStay()
    {
        Stage = ActorType = "";
    }

    public DealStageStay(Guid id, Guid workspaceId, Guid dealId, Guid pipelineId, string stage, DateTimeOffset enteredAt,
        string actorType, string? actorId)
    {
        Id = id;
        WorkspaceId = workspaceId;
        DealId = dealId;
        PipelineId = pipelineId;
        Stage = stage;
        EnteredAt = Record.Truncate(enteredAt);
        ActorType = actorType;
        ActorId = actorId;
    }

    public Guid Id { get; private set; }
    public Guid WorkspaceId { get; private set; }
    public Guid DealId { get; private set; }
    public Guid PipelineId { get; private set; }
    public string Stage { get; private set; }
    public DateTimeOffset EnteredAt { get; private set; }
    public DateTimeOffset? LeftAt { get; private set; }
    /// <summary>Who moved the deal into the stage: <c>apiKey</c> (with its id) or <c>system</c>.</summary>
    public string ActorType { get; private set; }
    public string? ActorId { get; private set; }

    public void Leave(DateTimeOffset at) => LeftAt ??= Record.Truncate(at);
}
