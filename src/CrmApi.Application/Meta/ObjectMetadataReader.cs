using CrmApi.Application.Activities;
using CrmApi.Application.Common;
using CrmApi.Application.Companies;
using CrmApi.Application.Contacts;
using CrmApi.Application.CustomFields;
using CrmApi.Application.Deals;
using CrmApi.Application.Tickets;
using CrmApi.Application.Querying;

namespace CrmApi.Application.Meta;

public sealed class ObjectMetadataReader(
    ContactHandlers contacts, CompanyHandlers companies, ActivityHandlers activities, DealHandlers deals, TicketHandlers tickets,
    CustomFieldSet fields)
{
    public static readonly IReadOnlyList<string> Names = ["contact", "company", "activity", "deal", "ticket"];

    public async Task<IReadOnlyList<ObjectMetadata>> AllAsync(CancellationToken ct)
    {
        var all = new List<ObjectMetadata>();
        foreach (var name in Names) all.Add((await GetAsync(name, ct)).Value!);
        return all;
    }

    public async Task<Result<ObjectMetadata>> GetAsync(string name, CancellationToken ct) => name switch
    {
        "contact" => await DescribeAsync(name, await contacts.CatalogAsync(ct), ct),
        "company" => await DescribeAsync(name, await companies.CatalogAsync(ct), ct),
        "activity" => await DescribeAsync(name, await activities.CatalogAsync(ct), ct),
        "deal" => await DescribeAsync(name, await deals.CatalogAsync(ct), ct),
        "ticket" => await DescribeAsync(name, await tickets.CatalogAsync(ct), ct),
        _ => Error.NotFound("object type"),
    };

    private async Task<ObjectMetadata> DescribeAsync<T>(string name, ObjectCatalog<T> catalog, CancellationToken ct)
    {
        var custom = CustomFieldHandlers.ObjectTypes.Contains(name)
            ? [.. (await fields.ForAsync(name, ct)).Where(f => !f.IsRetired).Select(CustomFieldDto.From)]
            : new List<CustomFieldDto>();
        return new ObjectMetadata(name, catalog.DefaultSort, catalog.Describe(), custom);
    }
}
