using CrmApi.Domain.Common;

namespace CrmApi.Domain.Pipelines;

/// <summary>
/// The ordered stages deals (or tickets) move through. A workspace has one default pipeline per object type, used when a
/// record names none. The version grows by one on every change, stages included (the ETag).
/// </summary>
public sealed class Pipeline : IWorkspaceOwned
{
    public const int StagesMax = 50;

    private Pipeline()
    {
        Name = "";
    }

    public Pipeline(Guid id, Guid workspaceId, string name, PipelineObjectType objectType, IReadOnlyList<StageDetails> stages,
        bool isDefault, DateTimeOffset now)
    {
        if (stages.Count == 0) throw new ArgumentException("A pipeline has at least one stage.", nameof(stages));
        if (stages.Select(s => s.Key).Distinct(StringComparer.Ordinal).Count() != stages.Count)
            throw new ArgumentException("Stage keys are unique in a pipeline.", nameof(stages));
        Id = id;
        WorkspaceId = workspaceId;
        Name = name;
        ObjectType = objectType;
        IsDefault = isDefault;
        CreatedAt = UpdatedAt = Record.Truncate(now);
        Version = 1;
        Stages = [.. stages.Select((s, i) => new PipelineStage(workspaceId, id, s, i))];
    }

    public Guid Id { get; private set; }
    public Guid WorkspaceId { get; private set; }
    public string Name { get; private set; }
    public PipelineObjectType ObjectType { get; private set; }
    public bool IsDefault { get; private set; }
    public List<PipelineStage> Stages { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public long Version { get; private set; }

    public IEnumerable<PipelineStage> Ordered => Stages.OrderBy(s => s.Position);

    /// <summary>Where a record goes when it names no stage.</summary>
    public PipelineStage FirstStage => Ordered.First();

    public PipelineStage? Stage(string key) => Stages.Find(s => s.Key == key);

    /// <summary>Renames the pipeline and sets its default flag, as one change.</summary>
    public bool Change(string name, bool isDefault, DateTimeOffset now)
    {
        if (Name == name && IsDefault == isDefault) return false;
        Name = name;
        IsDefault = isDefault;
        Touch(now);
        return true;
    }

    /// <summary>Marks or unmarks the pipeline as its object type's default; the caller keeps exactly one default.</summary>
    public bool SetDefault(bool isDefault, DateTimeOffset now)
    {
        if (IsDefault == isDefault) return false;
        IsDefault = isDefault;
        Touch(now);
        return true;
    }

    /// <summary>Adds a stage at <paramref name="position"/> (clamped; null: last); the stages after it move down one.</summary>
    public PipelineStage AddStage(StageDetails details, int? position, DateTimeOffset now)
    {
        if (Stage(details.Key) is not null) throw new InvalidOperationException($"The pipeline already has a stage '{details.Key}'.");
        if (Stages.Count >= StagesMax) throw new InvalidOperationException($"A pipeline has at most {StagesMax} stages.");
        var stage = new PipelineStage(WorkspaceId, Id, details, Stages.Count);
        var order = Ordered.ToList();
        order.Insert(Math.Clamp(position ?? order.Count, 0, order.Count), stage);
        Stages.Add(stage);
        Renumber(order);
        Touch(now);
        return stage;
    }

    /// <summary>Changes a stage's label, weighting or state, and moves it to <paramref name="position"/> (clamped) when given.</summary>
    public bool ChangeStage(StageDetails details, int? position, DateTimeOffset now)
    {
        var stage = Stage(details.Key) ?? throw new InvalidOperationException($"The pipeline has no stage '{details.Key}'.");
        var changed = stage.Apply(details);
        if (position is { } p)
        {
            var order = Ordered.ToList();
            order.Remove(stage);
            order.Insert(Math.Clamp(p, 0, order.Count), stage);
            changed |= Renumber(order);
        }
        if (changed) Touch(now);
        return changed;
    }

    /// <summary>Removes an empty stage (the caller has moved its records); the last stage cannot go.</summary>
    public void RemoveStage(string key, DateTimeOffset now)
    {
        var stage = Stage(key) ?? throw new InvalidOperationException($"The pipeline has no stage '{key}'.");
        if (Stages.Count == 1) throw new InvalidOperationException("A pipeline keeps at least one stage.");
        Stages.Remove(stage);
        Renumber(Ordered.ToList());
        Touch(now);
    }

    private static bool Renumber(List<PipelineStage> order)
    {
        var changed = false;
        for (var i = 0; i < order.Count; i++)
        {
            if (order[i].Position == i) continue;
            order[i].Position = i;
            changed = true;
        }
        return changed;
    }

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = Record.Truncate(now);
        Version++;
    }
}
