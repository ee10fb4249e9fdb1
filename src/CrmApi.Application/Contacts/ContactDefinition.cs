using System.Linq.Expressions;
using System.Text.Json.Nodes;
using CrmApi.Application.Common;
using CrmApi.Application.Querying;
using CrmApi.Application.Records;
using CrmApi.Domain.Contacts;
using CrmApi.Domain.CustomFields;
using Microsoft.EntityFrameworkCore;

namespace CrmApi.Application.Contacts;

public sealed class ContactDefinition : IRecordDefinition<Contact, ContactInput, ContactDetails, ContactDto>
{
    public string Name => "contact";

    public IQueryable<Contact> Query(ICrmDbContext db, bool includeDeleted = false)
    {
        var source = includeDeleted ? db.Contacts.IgnoreQueryFilters([QueryFilters.SoftDelete]) : db.Contacts;
        // The set in a local: EF Core reads a captured query root directly, where a member call on the context would be
        // compiled to a delegate at every execution.
        var companies = db.Companies;
        return source
            .Include(c => c.ExternalIds)
            // Links to live companies only. An EXISTS on the company (its query filters hide deleted ones) rather than a
            // join through the navigation: SQLite materializes a join nested in a LEFT JOIN, reading every link.
            .Include(c => c.Companies.Where(l => companies.Any(co => co.Id == l.CompanyId)));
    }

    public ObjectCatalog<Contact> Catalog => ContactFields.Catalog;

    public IQueryable<Contact> WhereExternalId(IQueryable<Contact> source, string system, string value)
        => source.Where(c => c.ExternalIds.Any(e => e.System == system && e.Value == value));

    public Result<ContactDetails> Validate(ContactInput input) => ContactValidator.Validate(input);
    public ContactInput ToInput(ContactDetails details) => ContactInput.From(details);
    public ContactDetails DetailsOf(Contact entity) => entity.Details;
    public Contact Create(Guid id, Guid workspaceId, ContactDetails details, DateTimeOffset now) => Contact.Create(id, workspaceId, details, now);
    public bool Update(Contact entity, ContactDetails details, DateTimeOffset now) => entity.Update(details, now);

    public Task<Error?> CheckAsync(ICrmDbContext db, Guid id, ContactDetails details, CancellationToken ct)
        => Writes.ExternalIdConflictAsync(db.ContactExternalIds, id, details.ExternalIds, Name, ct);

    public ContactDto ToDto(Contact entity) => ContactDto.From(entity);

    public Expression<Func<Contact, CustomSlots>>? CustomAccessor => Custom;
    private static readonly Expression<Func<Contact, CustomSlots>> Custom = e => e.Custom;
    public CustomSlots CustomOf(Contact entity) => entity.Custom;
    public CustomSlots CustomOfDetails(ContactDetails details) => details.Custom ?? CustomSlots.Empty;
    public ContactDetails WithCustom(ContactDetails details, CustomSlots custom) => details with { Custom = custom };
    public ContactDto WithCustom(ContactDto dto, JsonObject custom) => dto with { Custom = custom };
}
