using System.Text.Json.Nodes;
using CrmApi.Application.Common;
using CrmApi.Application.Events;
using CrmApi.Application.Querying;
using CrmApi.Domain.Common;
using CrmApi.Domain.Events;
using Microsoft.EntityFrameworkCore;

namespace CrmApi.Application.Records;

/// <summary>
/// The use cases every record type shares: create, read, read by external id, merge-patch update, soft delete and
/// restore. One implementation, so REST and GraphQL and every record type follow the same rules.
/// </summary>
public abstract class RecordHandlers<TEntity, TInput, TDetails, TDto>(
    IRecordDefinition<TEntity, TInput, TDetails, TDto> definition,
    ICrmDbContext db,
    WorkspaceContext workspace,
    EventRecorder events,
    FieldHistory history,
    TimeProvider clock)
    where TEntity : Record
    where TInput : class
{
    protected ICrmDbContext Db => db;
    protected TimeProvider Clock => clock;
    protected IRecordDefinition<TEntity, TInput, TDetails, TDto> Definition => definition;

    public Error NotFound => Error.NotFound(definition.Name);

    public Task<TEntity?> FindAsync(Guid id, CancellationToken ct, bool includeDeleted = false)
        => definition.Query(db, includeDeleted).FirstOrDefaultAsync(e => e.Id == id, ct);

    public async Task<Result<TDto>> CreateAsync(JsonObject body, CancellationToken ct)
    {
        var details = ReadDetails(body);
        if (!details.IsSuccess) return Result<TDto>.Fail(details.Errors);

        var now = clock.GetUtcNow();
        var entity = definition.Create(Guid.CreateVersion7(now), workspace.RequiredId, details.Value!, now);
        if (await definition.CheckAsync(db, entity.Id, details.Value!, ct) is { } conflict) return conflict;

        db.Set<TEntity>().Add(entity);
        var dto = definition.ToDto(entity);
        events.Record(EventTypes.For(definition.Name, EventTypes.Created), definition.Name, entity.Id, EventRecorder.ToJson(dto));
        if (await Writes.SaveAsync(db, ct) is { } error) return error;
        return dto;
    }

    public async Task<Result<TDto>> GetAsync(Guid id, CancellationToken ct)
        => await FindAsync(id, ct) is { } entity ? definition.ToDto(entity) : NotFound;

    public async Task<Result<TDto>> GetByExternalIdAsync(string system, string externalId, CancellationToken ct)
    {
        var entity = await definition.WhereExternalId(definition.Query(db), system, externalId).FirstOrDefaultAsync(ct);
        return entity is null ? NotFound : definition.ToDto(entity);
    }

    /// <summary>Applies a JSON merge patch (RFC 7396), optionally guarded by the version from If-Match.</summary>
    public async Task<Result<TDto>> UpdateAsync(Guid id, JsonObject patch, long? expectedVersion, CancellationToken ct)
    {
        var entity = await FindAsync(id, ct);
        if (entity is null) return NotFound;
        if (Writes.CheckVersion(expectedVersion, entity.Version) is { } stale) return stale;
        if (JsonInput.ReadOnlyViolations(patch) is { Count: > 0 } readOnly) return Result<TDto>.Fail(readOnly);

        var current = JsonInput.Serialize(definition.ToInput(definition.DetailsOf(entity)));
        var details = ReadDetails((JsonObject)MergePatch.Apply(current, patch)!);
        if (!details.IsSuccess) return Result<TDto>.Fail(details.Errors);
        if (await definition.CheckAsync(db, entity.Id, details.Value!, ct) is { } conflict) return conflict;

        var before = EventRecorder.ToJson(definition.ToDto(entity));
        if (!definition.Update(entity, details.Value!, clock.GetUtcNow())) return definition.ToDto(entity);
        var dto = definition.ToDto(entity);
        var after = EventRecorder.ToJson(dto);
        events.Record(EventTypes.For(definition.Name, EventTypes.Updated), definition.Name, entity.Id, after, EventRecorder.Diff(before, after));
        if (await Writes.SaveAsync(db, ct) is { } error) return error;
        return dto;
    }

    /// <summary>Soft-deletes: the record leaves reads and lists, and restore brings it back.</summary>
    public async Task<Result<Unit>> DeleteAsync(Guid id, long? expectedVersion, CancellationToken ct)
    {
        var entity = await FindAsync(id, ct);
        if (entity is null) return NotFound;
        if (Writes.CheckVersion(expectedVersion, entity.Version) is { } stale) return stale;
        entity.Delete(clock.GetUtcNow());
        events.Record(EventTypes.For(definition.Name, EventTypes.Deleted), definition.Name, entity.Id, EventRecorder.ToJson(definition.ToDto(entity)));
        return await Writes.SaveAsync(db, ct) is { } error ? error : Unit.Value;
    }

    /// <summary>
    /// Brings a soft-deleted record back; restoring a live one changes nothing. A deleted record keeps its unique keys,
    /// so a restore never conflicts.
    /// </summary>
    public async Task<Result<TDto>> RestoreAsync(Guid id, CancellationToken ct)
    {
        var entity = await FindAsync(id, ct, includeDeleted: true);
        if (entity is null) return NotFound;
        if (entity.IsDeleted)
        {
            entity.Restore(clock.GetUtcNow());
            events.Record(EventTypes.For(definition.Name, EventTypes.Restored), definition.Name, entity.Id, EventRecorder.ToJson(definition.ToDto(entity)));
            if (await Writes.SaveAsync(db, ct) is { } error) return error;
        }
        return definition.ToDto(entity);
    }

    /// <summary>A page of live records matching the request; <paramref name="scope"/> narrows the set first (e.g. one company's contacts).</summary>
    public async Task<Result<Page<TDto>>> ListAsync(ListRequest request, CancellationToken ct,
        System.Linq.Expressions.Expression<Func<TEntity, bool>>? scope = null)
    {
        var source = definition.Query(db);
        if (scope is not null) source = source.Where(scope);
        var page = await Lister.PageAsync(source, definition.Catalog, request, ct);
        return page.Map(p => p.Map(definition.ToDto));
    }

    /// <summary>Each change of each field of a live record, newest first (read from the event log).</summary>
    public async Task<Result<FieldHistoryPage>> HistoryAsync(Guid id, string? field, int? limit, string? cursor, CancellationToken ct)
        => await FindAsync(id, ct) is null ? NotFound : await history.ReadAsync(definition.Name, id, field, limit, cursor, ct);

    /// <summary>A search body is read strictly, like any other input, then listed.</summary>
    public async Task<Result<Page<TDto>>> SearchAsync(JsonObject body, CancellationToken ct)
    {
        var input = JsonInput.Read<SearchInput>(body);
        return input.IsSuccess ? await ListAsync(input.Value!.ToListRequest(), ct) : Result<Page<TDto>>.Fail(input.Errors);
    }

    private Result<TDetails> ReadDetails(JsonObject body)
    {
        var input = JsonInput.Read<TInput>(body);
        return input.IsSuccess ? definition.Validate(input.Value!) : Result<TDetails>.Fail(input.Errors);
    }
}
