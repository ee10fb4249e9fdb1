using CrmApi.Application.Companies;
using CrmApi.Application.Contacts;
using CrmApi.Application.CustomFields;
using CrmApi.Application.Querying;
using CrmApi.Domain.Tickets;

namespace CrmApi.Application.Tickets;

/// <summary>
/// What ticket filters and SLA policy conditions can reach in the current workspace: the built-in fields, and the custom
/// fields of the requester (<c>requester.custom.*</c>) and company (<c>company.custom.tier</c>); with
/// <c>ownCustomFields</c> the ticket's own (<c>custom.*</c>) too.
/// </summary>
public sealed class TicketCatalog(CustomFieldSet fields)
{
    public async Task<ObjectCatalog<Ticket>> LoadAsync(CancellationToken ct, bool ownCustomFields = true)
    {
        var catalog = CustomValues.WithRelatedCustomFields(TicketFields.Catalog, "requester", ContactFields.Catalog, c => c.Custom,
            await fields.ForAsync("contact", ct));
        catalog = CustomValues.WithRelatedCustomFields(catalog, "company", CompanyFields.Catalog, c => c.Custom, await fields.ForAsync("company", ct));
        return ownCustomFields ? CustomValues.Catalog(catalog, t => t.Custom, await fields.ForAsync("ticket", ct)) : catalog;
    }
}
