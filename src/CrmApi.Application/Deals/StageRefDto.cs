using CrmApi.Domain.Deals;
using CrmApi.Domain.Pipelines;

namespace CrmApi.Application.Deals;

/// <summary>A stage of a pipeline, with its category at the time.</summary>
public sealed record StageRefDto(Guid PipelineId, string Stage, StageCategory Category)
{
    public static StageRefDto From(StagePlace p) => new(p.PipelineId, p.Stage, p.Category);
}
