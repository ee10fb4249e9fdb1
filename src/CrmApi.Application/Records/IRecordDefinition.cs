using System.Linq.Expressions;
using System.Text.Json.Nodes;
using CrmApi.Application.Common;
using CrmApi.Application.Querying;
using CrmApi.Domain.Common;
using CrmApi.Domain.CustomFields;

namespace CrmApi.Application.Records;

/// <summary>
/// What the generic record use cases need to know about one record type (contact, company, and the types that follow):
/// how to load it, validate its input, create and update it, keep its unique keys, and show it.
/// </summary>
public interface IRecordDefinition<TEntity, TInput, TDetails, TDto>
    where TEntity : Record
    where TInput : class
{
    /// <summary>The name used in messages and metadata: <c>contact</c>.</summary>
    string Name { get; }

    /// <summary>The live records with what their representation needs loaded.</summary>
    IQueryable<TEntity> Query(ICrmDbContext db, bool includeDeleted = false);

    /// <summary>The fields clients can filter and sort on.</summary>
    ObjectCatalog<TEntity> Catalog { get; }

    IQueryable<TEntity> WhereExternalId(IQueryable<TEntity> source, string system, string value);

    Result<TDetails> Validate(TInput input);
    TInput ToInput(TDetails details);
    TDetails DetailsOf(TEntity entity);
    TEntity Create(Guid id, Guid workspaceId, TDetails details, DateTimeOffset now);
    bool Update(TEntity entity, TDetails details, DateTimeOffset now);

    /// <summary>
    /// What the record's details conflict with or point to wrongly: a unique key (external id, domain) another record
    /// holds, a linked record that does not exist. Null when all is well.
    /// </summary>
    Task<Error?> CheckAsync(ICrmDbContext db, Guid id, TDetails details, CancellationToken ct);

    /// <summary>
    /// Completes validated details from the workspace's data before they are checked and applied (a deal's default
    /// pipeline, first stage and the stage's category), or says what they point to wrongly.
    /// </summary>
    Task<Result<TDetails>> ResolveAsync(RecordServices services, TDetails details, CancellationToken ct) => Task.FromResult(Result<TDetails>.Ok(details));

    /// <summary>
    /// Adds to the unit of work what a create or change brings besides its record event (a deal's stage history and
    /// stage events), once that event is recorded. <paramref name="dto"/> is the record after the change.
    /// </summary>
    Task AfterWriteAsync(RecordServices services, TEntity entity, TDto dto, CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// Loads what <see cref="ToDto"/>, <see cref="ResolveAsync"/> and <see cref="Update"/> need besides the record (a
    /// ticket's SLA policies). Called before any of them in a use case; a definition that needs it is made per scope.
    /// </summary>
    Task PrepareAsync(RecordServices services, CancellationToken ct) => Task.CompletedTask;

    TDto ToDto(TEntity entity);

    /// <summary>Where the record keeps its custom field values; null for types without custom fields.</summary>
    Expression<Func<TEntity, CustomSlots>>? CustomAccessor => null;

    bool HasCustomFields => CustomAccessor is not null;
    CustomSlots CustomOf(TEntity entity) => CustomSlots.Empty;
    CustomSlots CustomOfDetails(TDetails details) => CustomSlots.Empty;
    TDetails WithCustom(TDetails details, CustomSlots custom) => details;
    TDto WithCustom(TDto dto, JsonObject custom) => dto;
}
