using CrmApi.Domain.Common;
using CrmApi.Domain.Tickets;

namespace CrmApi.Domain.Pipelines;

/// <summary>
/// One step of a pipeline, named by a key that is unique in it and never changes (records name their stage by it).
/// Positions run 0, 1, 2… in the pipeline's order.
/// </summary>
public sealed class PipelineStage : IWorkspaceOwned
{
    private PipelineStage()
    {
        Key = Label = "";
    }

    internal PipelineStage(Guid workspaceId, Guid pipelineId, StageDetails details, int position)
    {
        WorkspaceId = workspaceId;
        PipelineId = pipelineId;
        Key = details.Key;
        Label = details.Label;
        Position = position;
        Apply(details);
    }

    public Guid WorkspaceId { get; private set; }
    public Guid PipelineId { get; private set; }
    public string Key { get; private set; }
    public string Label { get; private set; }
    public int Position { get; internal set; }
    /// <summary>Deal stages: the chance a deal here is won, 0..1, which weights the forecast.</summary>
    public decimal? Probability { get; private set; }
    public StageCategory? Category { get; private set; }
    /// <summary>Ticket stages.</summary>
    public TicketState? State { get; private set; }

    public StageDetails Details => new(Key, Label, Probability, Category, State);

    /// <summary>Applies label, probability, category and state; the key stays. Says whether anything changed.</summary>
    internal bool Apply(StageDetails d)
    {
        if (d.Key != Key) throw new InvalidOperationException("A stage's key never changes.");
        var changed = Label != d.Label || Probability != d.Probability || Category != d.Category || State != d.State;
        Label = d.Label;
        Probability = d.Probability;
        Category = d.Category;
        State = d.State;
        return changed;
    }
}
