using System.Text.Json.Nodes;
using CrmApi.Application.Common;
using CrmApi.Application.CustomFields;
using CrmApi.Application.Events;
using CrmApi.Application.Querying;
using CrmApi.Domain.Common;
using CrmApi.Domain.CustomFields;
using CrmApi.Domain.Events;
using Microsoft.EntityFrameworkCore;

namespace CrmApi.Application.Records;

/// <summary>
/// The use cases every record type shares: create, read, read by external id, merge-patch update, soft delete and
/// restore, lists, field history; custom fields included. One implementation, so REST and GraphQL and every record
/// type follow the same rules.
/// </summary>
public abstract class RecordHandlers<TEntity, TInput, TDetails, TDto>(
    IRecordDefinition<TEntity, TInput, TDetails, TDto> definition,
    RecordServices services)
    where TEntity : Record
    where TInput : class
{
    /// <summary>What the use cases work with, for a record type's own use cases.</summary>
    protected RecordServices Services => services;
    private ICrmDbContext Db => services.Db;
    private TimeProvider Clock => services.Clock;

    public Error NotFound => Error.NotFound(definition.Name);

    public Task<TEntity?> FindAsync(Guid id, CancellationToken ct, bool includeDeleted = false)
        => definition.Query(Db, includeDeleted).FirstOrDefaultAsync(e => e.Id == id, ct);

    /// <summary>
    /// A live record to show, not to change: untracked. The source matches one record at most, so it is read as a list:
    /// FirstOrDefault would wrap the record in a LIMIT subquery under the included collections, a statement SQLite takes
    /// a third longer to prepare than the flat join.
    /// </summary>
    private static async Task<TEntity?> ReadAsync(IQueryable<TEntity> source, CancellationToken ct)
        => (await source.AsNoTracking().ToListAsync(ct)).SingleOrDefault();

    /// <summary>Whether a live record with this id exists here, read from its key alone.</summary>
    public Task<bool> ExistsAsync(Guid id, CancellationToken ct) => Db.Set<TEntity>().AnyAsync(e => e.Id == id, ct);

    /// <summary>The representation of a loaded record, custom fields included.</summary>
    public async Task<TDto> ToDtoAsync(TEntity entity, CancellationToken ct) => Dto(entity, await FieldsAsync(ct));

    public async Task<Result<TDto>> CreateAsync(JsonObject body, CancellationToken ct)
    {
        var fields = await FieldsAsync(ct);
        var details = ReadDetails(body, fields, CustomSlots.Empty, creating: true);
        if (!details.IsSuccess) return Result<TDto>.Fail(details.Errors);

        var resolved = await definition.ResolveAsync(services, details.Value!, ct);
        if (!resolved.IsSuccess) return Result<TDto>.Fail(resolved.Errors);

        var now = Clock.GetUtcNow();
        var entity = definition.Create(Guid.CreateVersion7(now), services.Workspace.RequiredId, resolved.Value!, now);
        if (await CheckAsync(entity.Id, resolved.Value!, fields, ct) is { } conflict) return conflict;

        Db.Set<TEntity>().Add(entity);
        var dto = Dto(entity, fields);
        services.Events.Record(EventTypes.For(definition.Name, EventTypes.Created), definition.Name, entity.Id, EventRecorder.ToJson(dto));
        await definition.AfterWriteAsync(services, entity, dto, ct);
        if (await Writes.SaveAsync(Db, ct) is { } error) return error;
        return dto;
    }

    public async Task<Result<TDto>> GetAsync(Guid id, CancellationToken ct)
        => await ReadAsync(definition.Query(Db).Where(e => e.Id == id), ct) is { } entity ? await ToDtoAsync(entity, ct) : NotFound;

    public async Task<Result<TDto>> GetByExternalIdAsync(string system, string externalId, CancellationToken ct)
    {
        var entity = await ReadAsync(definition.WhereExternalId(definition.Query(Db), system, externalId), ct);
        return entity is null ? NotFound : await ToDtoAsync(entity, ct);
    }

    /// <summary>Applies a JSON merge patch (RFC 7396), optionally guarded by the version from If-Match.</summary>
    public async Task<Result<TDto>> UpdateAsync(Guid id, JsonObject patch, long? expectedVersion, CancellationToken ct)
    {
        var entity = await FindAsync(id, ct);
        if (entity is null) return NotFound;
        if (Writes.CheckVersion(expectedVersion, entity.Version) is { } stale) return stale;
        if (JsonInput.ReadOnlyViolations(patch) is { Count: > 0 } readOnly) return Result<TDto>.Fail(readOnly);

        var fields = await FieldsAsync(ct);
        var slots = definition.CustomOf(entity);
        var current = JsonInput.Serialize(definition.ToInput(definition.DetailsOf(entity)));
        if (definition.HasCustomFields) current["custom"] = CustomValues.ToJson(fields, slots);
        var read = ReadDetails((JsonObject)MergePatch.Apply(current, patch)!, fields, slots, creating: false);
        if (!read.IsSuccess) return Result<TDto>.Fail(read.Errors);
        var details = await definition.ResolveAsync(services, read.Value!, ct);
        if (!details.IsSuccess) return Result<TDto>.Fail(details.Errors);
        if (await CheckAsync(entity.Id, details.Value!, fields, ct) is { } conflict) return conflict;

        var (dto, changed) = await ChangeAsync(entity, fields, e => definition.Update(e, details.Value!, Clock.GetUtcNow()), ct);
        if (changed && await Writes.SaveAsync(Db, ct) is { } error) return error;
        return dto;
    }

    /// <summary>
    /// Changes a loaded record by a rule rather than a client's patch (a deal moved off a removed stage) and records the
    /// change as an update does; the caller saves. Returns the record after the change.
    /// </summary>
    public async Task<TDto> ChangeAsync(TEntity entity, Func<TEntity, bool> change, CancellationToken ct)
        => (await ChangeAsync(entity, await FieldsAsync(ct), change, ct)).Dto;

    private async Task<(TDto Dto, bool Changed)> ChangeAsync(TEntity entity, IReadOnlyList<CustomFieldDefinition> fields,
        Func<TEntity, bool> change, CancellationToken ct)
    {
        var before = EventRecorder.ToJson(Dto(entity, fields));
        if (!change(entity)) return (Dto(entity, fields), false);
        var dto = Dto(entity, fields);
        var after = EventRecorder.ToJson(dto);
        services.Events.Record(EventTypes.For(definition.Name, EventTypes.Updated), definition.Name, entity.Id, after, EventRecorder.Diff(before, after));
        await definition.AfterWriteAsync(services, entity, dto, ct);
        return (dto, true);
    }

    /// <summary>Soft-deletes: the record leaves reads and lists, and restore brings it back.</summary>
    public async Task<Result<Unit>> DeleteAsync(Guid id, long? expectedVersion, CancellationToken ct)
    {
        var entity = await FindAsync(id, ct);
        if (entity is null) return NotFound;
        if (Writes.CheckVersion(expectedVersion, entity.Version) is { } stale) return stale;
        entity.Delete(Clock.GetUtcNow());
        services.Events.Record(EventTypes.For(definition.Name, EventTypes.Deleted), definition.Name, entity.Id, EventRecorder.ToJson(await ToDtoAsync(entity, ct)));
        return await Writes.SaveAsync(Db, ct) is { } error ? error : Unit.Value;
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
            entity.Restore(Clock.GetUtcNow());
            services.Events.Record(EventTypes.For(definition.Name, EventTypes.Restored), definition.Name, entity.Id, EventRecorder.ToJson(await ToDtoAsync(entity, ct)));
            if (await Writes.SaveAsync(Db, ct) is { } error) return error;
        }
        return await ToDtoAsync(entity, ct);
    }

    /// <summary>A page of live records matching the request; <paramref name="scope"/> narrows the set first (e.g. one company's contacts).</summary>
    public async Task<Result<Page<TDto>>> ListAsync(ListRequest request, CancellationToken ct,
        System.Linq.Expressions.Expression<Func<TEntity, bool>>? scope = null)
    {
        var fields = await FieldsAsync(ct);
        var source = definition.Query(Db).AsNoTracking();
        if (scope is not null) source = source.Where(scope);
        var page = await Lister.PageAsync(source, CatalogFor(fields), request, Clock, ct);
        return page.Map(p => p.Map(e => Dto(e, fields)));
    }

    /// <summary>The fields clients can filter and sort on in this workspace: the built-in ones and its custom fields.</summary>
    public async Task<ObjectCatalog<TEntity>> CatalogAsync(CancellationToken ct) => CatalogFor(await FieldsAsync(ct));

    /// <summary>Each change of each field of a live record, newest first (read from the event log).</summary>
    public async Task<Result<FieldHistoryPage>> HistoryAsync(Guid id, string? field, int? limit, string? cursor, CancellationToken ct)
        => await ExistsAsync(id, ct) ? await services.History.ReadAsync(definition.Name, id, field, limit, cursor, ct) : NotFound;

    /// <summary>A search body is read strictly, like any other input, then listed.</summary>
    public async Task<Result<Page<TDto>>> SearchAsync(JsonObject body, CancellationToken ct)
    {
        var input = JsonInput.Read<SearchInput>(body);
        return input.IsSuccess ? await ListAsync(input.Value!.ToListRequest(), ct) : Result<Page<TDto>>.Fail(input.Errors);
    }

    private ObjectCatalog<TEntity> CatalogFor(IReadOnlyList<CustomFieldDefinition> fields)
        => definition.CustomAccessor is { } custom ? CustomValues.Catalog(definition.Catalog, custom, fields) : definition.Catalog;

    /// <summary>The workspace's custom fields of this type, after the definition has loaded what it needs: every use case starts here.</summary>
    private async Task<IReadOnlyList<CustomFieldDefinition>> FieldsAsync(CancellationToken ct)
    {
        await definition.PrepareAsync(services, ct);
        return definition.HasCustomFields ? await services.CustomFields.ForAsync(definition.Name, ct) : [];
    }

    private TDto Dto(TEntity entity, IReadOnlyList<CustomFieldDefinition> fields)
        => definition.HasCustomFields
            ? definition.WithCustom(definition.ToDto(entity), CustomValues.ToJson(fields, definition.CustomOf(entity)))
            : definition.ToDto(entity);

    /// <summary>The record type's own checks, then the uniqueness of its unique custom fields.</summary>
    private async Task<Error?> CheckAsync(Guid id, TDetails details, IReadOnlyList<CustomFieldDefinition> fields, CancellationToken ct)
    {
        if (await definition.CheckAsync(Db, id, details, ct) is { } error) return error;
        if (definition.CustomAccessor is not { } custom || fields.Count == 0) return null;
        var all = Db.Set<TEntity>().IgnoreQueryFilters([QueryFilters.SoftDelete]);
        return await CustomValues.UniqueConflictAsync(all, e => e.Id, custom, fields, id, definition.CustomOfDetails(details), ct);
    }

    private Result<TDetails> ReadDetails(JsonObject body, IReadOnlyList<CustomFieldDefinition> fields, CustomSlots current, bool creating)
    {
        var input = JsonInput.Read<TInput>(body);
        if (!input.IsSuccess) return Result<TDetails>.Fail(input.Errors);
        var details = definition.Validate(input.Value!);
        if (!definition.HasCustomFields) return details;
        var custom = CustomValues.Read(fields, body["custom"] as JsonObject, current, creating);
        if (!details.IsSuccess || !custom.IsSuccess) return Result<TDetails>.Fail([.. details.Errors, .. custom.Errors]);
        return definition.WithCustom(details.Value!, custom.Value!);
    }
}
