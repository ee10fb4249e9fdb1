using System.Linq.Expressions;
using System.Text.Json.Nodes;
using CrmApi.Application.Common;
using CrmApi.Application.Querying;
using CrmApi.Application.Records;
using CrmApi.Domain.Companies;
using CrmApi.Domain.CustomFields;
using Microsoft.EntityFrameworkCore;

namespace CrmApi.Application.Companies;

public sealed class CompanyDefinition : IRecordDefinition<Company, CompanyInput, CompanyDetails, CompanyDto>
{
    public string Name => "company";

    public IQueryable<Company> Query(ICrmDbContext db, bool includeDeleted = false)
    {
        var source = includeDeleted ? db.Companies.IgnoreQueryFilters([QueryFilters.SoftDelete]) : db.Companies;
        return source.Include(c => c.ExternalIds);
    }

    public ObjectCatalog<Company> Catalog => CompanyFields.Catalog;

    public IQueryable<Company> WhereExternalId(IQueryable<Company> source, string system, string value)
        => source.Where(c => c.ExternalIds.Any(e => e.System == system && e.Value == value));

    public Result<CompanyDetails> Validate(CompanyInput input) => CompanyValidator.Validate(input);
    public CompanyInput ToInput(CompanyDetails details) => CompanyInput.From(details);
    public CompanyDetails DetailsOf(Company entity) => entity.Details;
    public Company Create(Guid id, Guid workspaceId, CompanyDetails details, DateTimeOffset now) => Company.Create(id, workspaceId, details, now);
    public bool Update(Company entity, CompanyDetails details, DateTimeOffset now) => entity.Update(details, now);

    /// <summary>A domain is unique per workspace; a soft-deleted company keeps its domain until it is purged.</summary>
    public async Task<Error?> CheckAsync(ICrmDbContext db, Guid id, CompanyDetails details, CancellationToken ct)
    {
        if (details.Domain is { } domain && await db.Companies.IgnoreQueryFilters([QueryFilters.SoftDelete])
                .AnyAsync(c => c.Domain == domain && c.Id != id, ct))
            return Error.Conflict($"Another company already has the domain '{domain}'.", "domain");
        return await Writes.ExternalIdConflictAsync(db.CompanyExternalIds, id, details.ExternalIds, Name, ct);
    }

    public CompanyDto ToDto(Company entity) => CompanyDto.From(entity);

    public Expression<Func<Company, CustomSlots>>? CustomAccessor => Custom;
    private static readonly Expression<Func<Company, CustomSlots>> Custom = e => e.Custom;
    public CustomSlots CustomOf(Company entity) => entity.Custom;
    public CustomSlots CustomOfDetails(CompanyDetails details) => details.Custom ?? CustomSlots.Empty;
    public CompanyDetails WithCustom(CompanyDetails details, CustomSlots custom) => details with { Custom = custom };
    public CompanyDto WithCustom(CompanyDto dto, JsonObject custom) => dto with { Custom = custom };
}
