using System.Text.Json.Nodes;
using CrmApi.Application.Common;
using CrmApi.Application.Common.Validation;
using CrmApi.Application.Deals;
using CrmApi.Domain.Deals;
using CrmApi.Domain.Tickets;
using CrmApi.Application.Tickets;
using CrmApi.Domain.Pipelines;
using Microsoft.EntityFrameworkCore;

namespace CrmApi.Application.Pipelines;

/// <summary>
/// Pipelines and their stages: create, read, rename, change the default, delete; add, change, reorder and remove
/// stages. A stage or pipeline that holds records (deleted ones included: they can be restored) cannot simply go.
/// </summary>
public sealed class PipelineHandlers(ICrmDbContext db, WorkspaceContext workspace, DealHandlers deals, TicketHandlers tickets, TimeProvider clock)
{
    private static readonly Error NotFound = Error.NotFound("pipeline");

    public async Task<Result<IReadOnlyList<PipelineDto>>> ListAsync(string? objectType, CancellationToken ct)
    {
        PipelineObjectType? type = null;
        if (objectType is not null)
        {
            if (ParseType(objectType) is not { } parsed) return Error.Validation("objectType", "'objectType' must be deal or ticket.");
            type = parsed;
        }
        await PipelineDefaults.EnsureAsync(db, workspace, clock, ct);
        var query = db.Pipelines.AsNoTracking().Include(p => p.Stages).AsQueryable();
        if (type is { } t) query = query.Where(p => p.ObjectType == t);
        var pipelines = await query.ToListAsync(ct);
        return pipelines.OrderBy(p => p.ObjectType).ThenByDescending(p => p.IsDefault).ThenBy(p => p.CreatedAt).ThenBy(p => p.Id)
            .Select(PipelineDto.From).ToList();
    }

    public async Task<Result<PipelineDto>> GetAsync(Guid id, CancellationToken ct)
        => await db.Pipelines.AsNoTracking().Include(p => p.Stages).FirstOrDefaultAsync(p => p.Id == id, ct) is { } p
            ? PipelineDto.From(p) : NotFound;

    public async Task<Result<PipelineDto>> CreateAsync(JsonObject body, CancellationToken ct)
    {
        var input = JsonInput.Read<PipelineInput>(body);
        if (!input.IsSuccess) return Result<PipelineDto>.Fail(input.Errors);
        var spec = PipelineValidator.Validate(input.Value!);
        if (!spec.IsSuccess) return Result<PipelineDto>.Fail(spec.Errors);

        await PipelineDefaults.EnsureAsync(db, workspace, clock, ct);
        var s = spec.Value!;
        var now = clock.GetUtcNow();
        var pipeline = new Pipeline(Guid.CreateVersion7(now), workspace.RequiredId, s.Name, s.ObjectType, s.Stages, s.IsDefault, now);
        if (s.IsDefault && await DemoteDefaultAsync(s.ObjectType, now, ct) is { } demoteError) return demoteError;
        db.Pipelines.Add(pipeline);
        return await Writes.SaveAsync(db, ct) is { } error ? error : PipelineDto.From(pipeline);
    }

    /// <summary>A merge patch of the name and the default flag, optionally guarded by the version from If-Match.</summary>
    public async Task<Result<PipelineDto>> UpdateAsync(Guid id, JsonObject patch, long? expectedVersion, CancellationToken ct)
    {
        var pipeline = await FindAsync(id, ct);
        if (pipeline is null) return NotFound;
        if (Writes.CheckVersion(expectedVersion, pipeline.Version) is { } stale) return stale;
        var current = JsonInput.Serialize(new PipelinePatchInput { Name = pipeline.Name, IsDefault = pipeline.IsDefault });
        var input = JsonInput.Read<PipelinePatchInput>((JsonObject)MergePatch.Apply(current, patch)!);
        if (!input.IsSuccess) return Result<PipelineDto>.Fail(input.Errors);
        var errors = new List<Error>();
        var name = Rules.RequiredText(errors, "name", input.Value!.Name, Rules.NameMax);
        var isDefault = input.Value.IsDefault ?? pipeline.IsDefault;
        if (pipeline.IsDefault && !isDefault)
            errors.Add(Error.Validation("isDefault", "A pipeline stops being the default when another one of its object type becomes it."));
        if (errors.Count > 0) return Result<PipelineDto>.Fail(errors);

        var now = clock.GetUtcNow();
        if (isDefault && !pipeline.IsDefault && await DemoteDefaultAsync(pipeline.ObjectType, now, ct) is { } demoteError) return demoteError;
        if (pipeline.Change(name, isDefault, now) && await Writes.SaveAsync(db, ct) is { } error) return error;
        return PipelineDto.From(pipeline);
    }

    /// <summary>Deletes an empty pipeline that is not its object type's default.</summary>
    public async Task<Result<Unit>> DeleteAsync(Guid id, long? expectedVersion, CancellationToken ct)
    {
        var pipeline = await FindAsync(id, ct);
        if (pipeline is null) return NotFound;
        if (Writes.CheckVersion(expectedVersion, pipeline.Version) is { } stale) return stale;
        if (pipeline.IsDefault)
            return Error.Conflict($"This is the default {Name(pipeline.ObjectType)} pipeline: make another one the default before deleting it.");
        if (await RecordsInAsync(pipeline, null, ct) is > 0 and var held)
            return Error.Conflict($"The pipeline holds {held} {Name(pipeline.ObjectType)}(s) (deleted ones included, as they can be "
                + "restored): move them to another pipeline first.");
        db.Pipelines.Remove(pipeline);
        return await Writes.SaveAsync(db, ct) is { } error ? error : Unit.Value;
    }

    public async Task<Result<PipelineDto>> AddStageAsync(Guid id, JsonObject body, long? expectedVersion, CancellationToken ct)
    {
        var pipeline = await FindAsync(id, ct);
        if (pipeline is null) return NotFound;
        if (Writes.CheckVersion(expectedVersion, pipeline.Version) is { } stale) return stale;
        var input = JsonInput.Read<StageInput>(body);
        if (!input.IsSuccess) return Result<PipelineDto>.Fail(input.Errors);
        var errors = new List<Error>();
        var stage = PipelineValidator.Stage(errors, "", pipeline.ObjectType, input.Value!);
        if (stage is null) return Result<PipelineDto>.Fail(errors);
        if (pipeline.Stage(stage.Key) is not null) return Error.Conflict($"The pipeline already has a stage '{stage.Key}'.", "key");
        if (pipeline.Stages.Count >= Pipeline.StagesMax) return Error.Conflict($"A pipeline has at most {Pipeline.StagesMax} stages.");

        pipeline.AddStage(stage, input.Value!.Position, clock.GetUtcNow());
        return await Writes.SaveAsync(db, ct) is { } error ? error : PipelineDto.From(pipeline);
    }

    /// <summary>
    /// A merge patch of one stage: its label, position (the others shift), probability, or state. A stage that holds
    /// records keeps its category, which those records carry.
    /// </summary>
    public async Task<Result<PipelineDto>> UpdateStageAsync(Guid id, string key, JsonObject patch, long? expectedVersion, CancellationToken ct)
    {
        var pipeline = await FindAsync(id, ct);
        if (pipeline is null) return NotFound;
        if (Writes.CheckVersion(expectedVersion, pipeline.Version) is { } stale) return stale;
        if (pipeline.Stage(key) is not { } current) return Error.NotFound("stage");
        var input = JsonInput.Read<StageInput>((JsonObject)MergePatch.Apply(JsonInput.Serialize(StageInput.From(current)), patch)!);
        if (!input.IsSuccess) return Result<PipelineDto>.Fail(input.Errors);
        if (input.Value!.Key != key) return Error.Validation("key", "A stage's key never changes: add a stage and remove this one instead.");
        var errors = new List<Error>();
        var stage = PipelineValidator.Stage(errors, "", pipeline.ObjectType, input.Value);
        if (stage is null) return Result<PipelineDto>.Fail(errors);
        if (stage.Category != current.Category && await RecordsInAsync(pipeline, key, ct) is > 0 and var held)
            return Error.Conflict($"The stage '{key}' holds {held} {Name(pipeline.ObjectType)}(s), which would change category with it: "
                + "move them first, or add a stage with the new category.", "category");

        if (pipeline.ChangeStage(stage, input.Value.Position, clock.GetUtcNow()) && await Writes.SaveAsync(db, ct) is { } error) return error;
        return PipelineDto.From(pipeline);
    }

    /// <summary>
    /// Removes a stage. One that holds records needs <paramref name="moveTo"/>, another stage of the pipeline: its records
    /// move there first, each with its stage change recorded.
    /// </summary>
    public async Task<Result<Unit>> RemoveStageAsync(Guid id, string key, string? moveTo, long? expectedVersion, CancellationToken ct)
    {
        var pipeline = await FindAsync(id, ct);
        if (pipeline is null) return NotFound;
        if (Writes.CheckVersion(expectedVersion, pipeline.Version) is { } stale) return stale;
        if (pipeline.Stage(key) is null) return Error.NotFound("stage");
        var target = moveTo is null ? null : pipeline.Stage(moveTo);
        if (moveTo is not null && (target is null || target.Key == key))
            return Error.Validation("moveTo", $"'moveTo' must be another stage of the pipeline: {string.Join(", ", pipeline.Ordered.Where(s => s.Key != key).Select(s => s.Key))}.");
        if (pipeline.Stages.Count == 1) return Error.Conflict("A pipeline keeps at least one stage.");
        var held = await RecordsInAsync(pipeline, key, ct);
        if (held > 0 && target is null)
            return Error.Conflict($"The stage '{key}' holds {held} {Name(pipeline.ObjectType)}(s) (deleted ones included): "
                + "remove it with ?moveTo=<stageKey> to move them to another stage.", "moveTo");

        var now = clock.GetUtcNow();
        if (held > 0 && pipeline.ObjectType == PipelineObjectType.Deal)
        {
            var to = new StagePlace(pipeline.Id, target!.Key, target.Category!.Value);
            foreach (var deal in await deals.InStageAsync(pipeline.Id, key, ct))
                await deals.ChangeAsync(deal, d => d.MoveTo(to, now), ct);
        }
        else if (held > 0)
        {
            var to = new TicketPlace(pipeline.Id, target!.Key, target.State!.Value);
            foreach (var ticket in await tickets.InStageAsync(pipeline.Id, key, ct))
                await tickets.ChangeAsync(ticket, t => t.MoveTo(to, now), ct);
        }
        pipeline.RemoveStage(key, now);
        return await Writes.SaveAsync(db, ct) is { } error ? error : Unit.Value;
    }

    private Task<Pipeline?> FindAsync(Guid id, CancellationToken ct)
        => db.Pipelines.Include(p => p.Stages).FirstOrDefaultAsync(p => p.Id == id, ct);

    /// <summary>
    /// Unmarks the object type's default and saves that alone: the database allows one default per object type at any
    /// moment, and EF does not order a filtered unique index's changes within one save. Should the promotion that follows
    /// fail, the next read makes the oldest pipeline the default (<see cref="PipelineDefaults.EnsureAsync"/>).
    /// </summary>
    private async Task<Error?> DemoteDefaultAsync(PipelineObjectType type, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var other in await db.Pipelines.Where(p => p.ObjectType == type && p.IsDefault).ToListAsync(ct))
            other.SetDefault(false, now);
        return await Writes.SaveAsync(db, ct);
    }

    /// <summary>
    /// The records in a pipeline (or one of its stages), deleted ones included.
    /// </summary>
    private async Task<int> RecordsInAsync(Pipeline pipeline, string? stage, CancellationToken ct)
        => pipeline.ObjectType == PipelineObjectType.Deal
            ? await db.Deals.IgnoreQueryFilters([QueryFilters.SoftDelete])
                .CountAsync(d => d.PipelineId == pipeline.Id && (stage == null || d.Stage == stage), ct)
            : await db.Tickets.IgnoreQueryFilters([QueryFilters.SoftDelete])
                .CountAsync(t => t.PipelineId == pipeline.Id && (stage == null || t.Stage == stage), ct);

    private static string Name(PipelineObjectType type) => StageResolver.Name(type);

    public static PipelineObjectType? ParseType(string text) => text switch
    {
        "deal" => PipelineObjectType.Deal,
        "ticket" => PipelineObjectType.Ticket,
        _ => null,
    };
}
