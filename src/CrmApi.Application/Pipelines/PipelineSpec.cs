using CrmApi.Domain.Pipelines;

namespace CrmApi.Application.Pipelines;

/// <summary>A validated pipeline create: stages in their order.</summary>
public sealed record PipelineSpec(string Name, PipelineObjectType ObjectType, bool IsDefault, IReadOnlyList<StageDetails> Stages);
