using CrmApi.Application.Common;
using CrmApi.Application.Records;
using CrmApi.Domain.Pipelines;
using Microsoft.EntityFrameworkCore;

namespace CrmApi.Application.Pipelines;

/// <summary>Where a deal or ticket goes: the pipeline and stage it names, or the defaults when it names none.</summary>
public static class StageResolver
{
    /// <summary>
    /// The pipeline (the workspace's default one of <paramref name="type"/> when none is named) must be a pipeline of
    /// that type in the workspace, and the stage (its first one when none is named) one of its stages.
    /// </summary>
    public static async Task<Result<PipelineStage>> ResolveAsync(
        RecordServices services, PipelineObjectType type, Guid? pipelineId, string? stageKey, CancellationToken ct)
    {
        var db = services.Db;
        var pipelines = db.Pipelines.AsNoTracking().Include(p => p.Stages);
        Pipeline? pipeline;
        if (pipelineId is { } id)
        {
            pipeline = await pipelines.FirstOrDefaultAsync(p => p.Id == id, ct);
            if (pipeline is null) return Error.Validation("pipelineId", $"No pipeline {id} exists.");
            if (pipeline.ObjectType != type)
                return Error.Validation("pipelineId", $"The pipeline '{pipeline.Name}' holds {Plural(pipeline.ObjectType)}; a {Name(type)} needs a {Name(type)} pipeline.");
        }
        else
        {
            await PipelineDefaults.EnsureAsync(db, services.Workspace, services.Clock, ct);
            pipeline = await pipelines.FirstAsync(p => p.ObjectType == type && p.IsDefault, ct);
        }
        var stage = stageKey is { } key ? pipeline.Stage(key) : pipeline.FirstStage;
        if (stage is null)
            return Error.Validation("stage", $"The pipeline '{pipeline.Name}' has no stage '{stageKey}'; its stages are "
                + $"{string.Join(", ", pipeline.Ordered.Select(s => s.Key))}.");
        return stage;
    }

    public static string Name(PipelineObjectType type) => type == PipelineObjectType.Deal ? "deal" : "ticket";

    private static string Plural(PipelineObjectType type) => Name(type) + "s";
}
