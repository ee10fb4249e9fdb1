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
        return source.Include(a => a.Contacts).Include(a => a.Companies).Include(a => a.Deals);
    }

    /// <summary>Activities have no external ids.</summary>
    public IQueryable<Activity> WhereExternalId(IQueryable<Activity> source, string system, string value) => source.Where(_ => false);

    public Result<ActivityDetails> Validate(ActivityInput input) => ActivityValidator.Validate(input);
    public ActivityInput ToInput(ActivityDetails details) => ActivityInput.Of(details);
    public ActivityDetails DetailsOf(Activity entity) => entity.Details;
    public Activity Create(Guid id, Guid workspaceId, ActivityDetails details, DateTimeOffset now) => Activity.Create(id, workspaceId, details, now);
    public bool Update(Activity entity, ActivityDetails details, DateTimeOffset now) => entity.Update(details, now);

    /// <summary>Every linked contact, company and deal must be a live record of the workspace.</summary>
    public async Task<Error?> CheckAsync(ICrmDbContext db, Guid id, ActivityDetails details, CancellationToken ct)
        => await Writes.UnknownLinkAsync(db.Contacts, details.ContactIds, "contactIds", "contact", ct)
            ?? await Writes.UnknownLinkAsync(db.Companies, details.CompanyIds, "companyIds", "company", ct)
            ?? await Writes.UnknownLinkAsync(db.Deals, details.DealIds ?? [], "dealIds", "deal", ct);

    public ActivityDto ToDto(Activity entity) => ActivityDto.Of(entity);
}
