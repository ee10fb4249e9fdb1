using System.Text.Json.Nodes;
using CrmApi.Application.Common;
using CrmApi.Application.Common.Validation;
using Microsoft.EntityFrameworkCore;

namespace CrmApi.Application.Contacts.LinkCompany;

/// <summary>Links a contact to a company (or changes the link's role and primary flag); unlinks it again.</summary>
public sealed class LinkCompanyHandler(ICrmDbContext db, ContactHandlers contacts, TimeProvider clock)
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

        contact.Link(companyId, role, input.Value.Primary ?? false, clock.GetUtcNow());
        if (await Writes.SaveAsync(db, ct) is { } error) return error;
        return ContactDto.From(contact);
    }

    public async Task<Result<Unit>> UnlinkAsync(Guid contactId, Guid companyId, CancellationToken ct)
    {
        var contact = await contacts.FindAsync(contactId, ct);
        if (contact is null) return contacts.NotFound;
        if (!contact.Unlink(companyId, clock.GetUtcNow())) return Error.NotFound("link between the contact and the company");
        return await Writes.SaveAsync(db, ct) is { } error ? error : Unit.Value;
    }
}
