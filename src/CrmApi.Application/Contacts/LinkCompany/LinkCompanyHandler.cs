using System.Text.Json.Nodes;
using CrmApi.Application.Common;
using CrmApi.Application.Events;
using CrmApi.Domain.Contacts;
using CrmApi.Domain.Events;
using CrmApi.Application.Common.Validation;
using Microsoft.EntityFrameworkCore;

namespace CrmApi.Application.Contacts.LinkCompany;

/// <summary>Links a contact to a company (or changes the link's role and primary flag); unlinks it again.</summary>
public sealed class LinkCompanyHandler(ICrmDbContext db, ContactHandlers contacts, EventRecorder events, TimeProvider clock)
{
    public async Task<Result<ContactDto>> LinkAsync(Guid contactId, Guid companyId, JsonObject? body, CancellationToken ct)
    {
        var input = body is null ? Result<LinkCompanyInput>.Ok(new LinkCompanyInput()) : JsonInput.Read<LinkCompanyInput>(body);
        if (!input.IsSuccess) return Result<ContactDto>.Fail(input.Errors);
        var errors = new List<Error>();
        var role = Rules.Text(errors, "role", input.Value!.Role, Rules.ShortTextMax);
        if (errors.Count > 0) return Result<ContactDto>.Fail(errors);

        var contact = await contacts.FindAsync(contactId, ct);
        if (contact is null) return contacts.NotFound;
        if (!await db.Companies.AnyAsync(c => c.Id == companyId, ct)) return Error.NotFound("company");

        var primary = input.Value.Primary ?? false;
        // A link to a deleted company is hidden from the contact, yet it may still be the primary one. Loading it puts it
        // in the contact's links, so that making another company primary demotes it too (one primary per contact).
        var visible = contact.Companies.Select(l => l.CompanyId).ToList();
        List<Guid> hidden = primary
            ? [.. (await db.ContactCompanies.Where(l => l.ContactId == contactId && l.IsPrimary && !visible.Contains(l.CompanyId))
                .ToListAsync(ct)).Select(l => l.CompanyId)]
            : [];

        var change = contact.Link(companyId, role, primary, clock.GetUtcNow());
        if (change == LinkChange.Unchanged) return await ToDtoAsync(contact, hidden, ct);
        events.Record(change == LinkChange.Added ? EventTypes.AssociationAdded : EventTypes.AssociationUpdated,
            "contact", contactId, EventRecorder.ToJson(new AssociationDto(contactId, companyId, role, primary)), null, "company", companyId);
        if (await Writes.SaveAsync(db, ct) is { } error) return error;
        return await ToDtoAsync(contact, hidden, ct);
    }

    /// <summary>The contact as reads show it: without the links to deleted companies loaded above.</summary>
    private async Task<ContactDto> ToDtoAsync(Contact contact, List<Guid> hidden, CancellationToken ct)
    {
        var dto = await contacts.ToDtoAsync(contact, ct);
        return hidden.Count == 0 ? dto : dto with { Companies = [.. dto.Companies.Where(l => !hidden.Contains(l.CompanyId))] };
    }

    public async Task<Result<Unit>> UnlinkAsync(Guid contactId, Guid companyId, CancellationToken ct)
    {
        var contact = await contacts.FindAsync(contactId, ct);
        if (contact is null) return contacts.NotFound;
        var link = contact.Companies.Find(l => l.CompanyId == companyId);
        if (link is null || !contact.Unlink(companyId, clock.GetUtcNow())) return Error.NotFound("link between the contact and the company");
        events.Record(EventTypes.AssociationRemoved, "contact", contactId,
            EventRecorder.ToJson(new AssociationDto(contactId, companyId, link.Role, link.IsPrimary)), null, "company", companyId);
        return await Writes.SaveAsync(db, ct) is { } error ? error : Unit.Value;
    }
}
