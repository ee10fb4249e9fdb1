using CrmApi.Application.Records;
using CrmApi.Domain.Pipelines;

namespace CrmApi.Application.Pipelines;

/// <summary>A pipeline with its stages in order.</summary>
public sealed record PipelineDto(
    Guid Id,
    string Name,
    PipelineObjectType ObjectType,
    bool IsDefault,
    IReadOnlyList<StageDto> Stages,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version) : IRecordDto
{
    public static PipelineDto From(Pipeline p) => new(
        p.Id, p.Name, p.ObjectType, p.IsDefault, [.. p.Ordered.Select(StageDto.From)], p.CreatedAt, p.UpdatedAt, p.Version);
}
