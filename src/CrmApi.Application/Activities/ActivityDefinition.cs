using CrmApi.Application.Common;
using CrmApi.Application.Querying;
using CrmApi.Application.Records;
using CrmApi.Domain.Activities;
using Microsoft.EntityFrameworkCore;

namespace CrmApi.Application.Activities;

public sealed class ActivityDefinition : IRecordDefinition<Activity, ActivityInput, ActivityDetails, ActivityDto>
{
    public string Name => "activity";

    public ObjectCatalog<Activity> Catalog => ActivityFields.Catalog;

    public IQueryable<Activity> Query(ICrmDbContext db, bool includeDeleted = false)
    {
        var source = includeDeleted ? db.Activities.IgnoreQueryFilters([QueryFilters.SoftDelete]) : db.Activities;
        return source.Include(a => a.Contacts).Include(a => a.Companies);
    }

    /// <summary>Activities have no external ids.</summary>
    public IQueryable<Activity> WhereExternalId(IQueryable<Activity> source, string system, string value) => source.Where(_ => false);

    public Result<ActivityDetails> Validate(ActivityInput input) => ActivityValidator.Validate(input);
    public ActivityInput ToInput(ActivityDetails details) => ActivityInput.Of(details);
    public ActivityDetails DetailsOf(Activity entity) => entity.Details;
    public Activity Create(Guid id, Guid workspaceId, ActivityDetails details, DateTimeOffset now) => Activity.Create(id, workspaceId, details, now);
    public bool Update(Activity entity, ActivityDetails details, DateTimeOffset now) => entity.Update(details, now);

    /// <summary>Every linked contact and company must be a live record of the workspace.</summary>
    public async Task<Error?> CheckAsync(ICrmDbContext db, Guid id, ActivityDetails details, CancellationToken ct)
    {
        var contacts = details.ContactIds.ToList();
        var found = await db.Contacts.Where(c => contacts.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
        if (contacts.FindIndex(c => !found.Contains(c)) is var i and >= 0)
            return Error.Validation($"contactIds[{i}]", $"No contact {contacts[i]} exists.");
        var companies = details.CompanyIds.ToList();
        var foundCompanies = await db.Companies.Where(c => companies.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
        if (companies.FindIndex(c => !foundCompanies.Contains(c)) is var j and >= 0)
            return Error.Validation($"companyIds[{j}]", $"No company {companies[j]} exists.");
        return null;
    }

    public ActivityDto ToDto(Activity entity) => ActivityDto.Of(entity);
}
