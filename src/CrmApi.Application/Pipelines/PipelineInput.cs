using CrmApi.Domain.Pipelines;

namespace CrmApi.Application.Pipelines;

/// <summary>The body of a pipeline create: its name, the object type its stages hold, and its stages.</summary>
public sealed class PipelineInput
{
    public string? Name { get; init; }
    public PipelineObjectType? ObjectType { get; init; }
    /// <summary>Makes it the default pipeline of its object type (the previous default stops being one).</summary>
    public bool? IsDefault { get; init; }
    public List<StageInput?>? Stages { get; init; }
}
