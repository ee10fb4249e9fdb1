using System.Linq.Expressions;
using System.Text.Json.Nodes;
using CrmApi.Application.Common;
using CrmApi.Application.Pipelines;
using CrmApi.Application.Querying;
using CrmApi.Application.Records;
using CrmApi.Domain.CustomFields;
using CrmApi.Domain.Deals;
using CrmApi.Domain.Pipelines;
using Microsoft.EntityFrameworkCore;

namespace CrmApi.Application.Deals;

public sealed class DealDefinition : IRecordDefinition<Deal, DealInput, DealDetails, DealDto>
{
    public string Name => "deal";

    public IQueryable<Deal> Query(ICrmDbContext db, bool includeDeleted = false)
    {
        var source = includeDeleted ? db.Deals.IgnoreQueryFilters([QueryFilters.SoftDelete]) : db.Deals;
        // Links to live contacts and companies only, by EXISTS on sets held in locals (see ContactDefinition).
        var (contacts, companies) = (db.Contacts, db.Companies);
        return source
            .Include(d => d.ExternalIds)
            .Include(d => d.Contacts.Where(l => contacts.Any(c => c.Id == l.ContactId)))
            .Include(d => d.Companies.Where(l => companies.Any(c => c.Id == l.CompanyId)));
    }

    public ObjectCatalog<Deal> Catalog => DealFields.Catalog;

    public IQueryable<Deal> WhereExternalId(IQueryable<Deal> source, string system, string value)
        => source.Where(d => d.ExternalIds.Any(e => e.System == system && e.Value == value));

    public Result<DealDetails> Validate(DealInput input) => DealValidator.Validate(input);
    public DealInput ToInput(DealDetails details) => DealInput.From(details);
    public DealDetails DetailsOf(Deal entity) => entity.Details;
    public Deal Create(Guid id, Guid workspaceId, DealDetails details, DateTimeOffset now) => Deal.Create(id, workspaceId, details, now);
    public bool Update(Deal entity, DealDetails details, DateTimeOffset now) => entity.Update(details, now);

    /// <summary>
    /// The pipeline (the workspace's default deal pipeline when none is named) must be a deal pipeline of the workspace,
    /// and the stage (its first one when none is named) one of its stages; the stage's category comes with it.
    /// </summary>
    public async Task<Result<DealDetails>> ResolveAsync(RecordServices services, DealDetails details, CancellationToken ct)
    {
        var stage = await StageResolver.ResolveAsync(services, PipelineObjectType.Deal, details.PipelineId, details.Stage, ct);
        if (!stage.IsSuccess) return Result<DealDetails>.Fail(stage.Errors);
        var s = stage.Value!;
        return details with { PipelineId = s.PipelineId, Stage = s.Key, StageCategory = s.Category ?? StageCategory.Open };
    }

    /// <summary>External ids are unique; linked contacts and companies are live records of the workspace.</summary>
    public async Task<Error?> CheckAsync(ICrmDbContext db, Guid id, DealDetails details, CancellationToken ct)
        => await Writes.UnknownLinkAsync(db.Contacts, [.. details.Contacts.Select(c => c.ContactId)], "contacts", "contact", ct) is { } contact
            ? contact with { Field = contact.Field + ".contactId" }
            : await Writes.UnknownLinkAsync(db.Companies, details.CompanyIds, "companyIds", "company", ct)
                ?? await Writes.ExternalIdConflictAsync(db.DealExternalIds, id, details.ExternalIds, Name, ct);

    public DealDto ToDto(Deal entity) => DealDto.From(entity);

    public Task AfterWriteAsync(RecordServices services, Deal entity, DealDto dto, CancellationToken ct)
        => DealStageEvents.RecordAsync(services, entity, dto, ct);

    public Expression<Func<Deal, CustomSlots>>? CustomAccessor => Custom;
    private static readonly Expression<Func<Deal, CustomSlots>> Custom = e => e.Custom;
    public CustomSlots CustomOf(Deal entity) => entity.Custom;
    public CustomSlots CustomOfDetails(DealDetails details) => details.Custom ?? CustomSlots.Empty;
    public DealDetails WithCustom(DealDetails details, CustomSlots custom) => details with { Custom = custom };
    public DealDto WithCustom(DealDto dto, JsonObject custom) => dto with { Custom = custom };
}
