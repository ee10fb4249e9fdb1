using System.Text.Json;
using CrmApi.Application.Activities;
using CrmApi.Application.Common;
using CrmApi.Application.Companies;
using CrmApi.Application.Contacts;
using CrmApi.Application.Deals;
using CrmApi.Application.Querying;
using CrmApi.Application.Tickets;
using CrmApi.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CrmApi.Application.Webhooks;

/// <summary>
/// A webhook's filter: the shared filter language over one record type (custom fields included), checked when the
/// webhook is saved and tested against the record an event is about, as it is when the event is dispatched (deleted
/// records included, so a <c>deal.deleted</c> event can match).
/// </summary>
public sealed class RecordFilters(
    ICrmDbContext db, ContactHandlers contacts, CompanyHandlers companies, ActivityHandlers activities, DealHandlers deals, TicketHandlers tickets,
    TimeProvider clock)
{
    public static readonly IReadOnlyList<string> ObjectTypes = ["contact", "company", "activity", "deal", "ticket"];

    /// <summary>The filter parsed against the object type's fields; errors name <c>filter.…</c>.</summary>
    public async Task<Result<FilterNode?>> ParseAsync(string objectType, JsonElement filter, CancellationToken ct) => objectType switch
    {
        "contact" => FilterParser.Parse(await contacts.CatalogAsync(ct), filter),
        "company" => FilterParser.Parse(await companies.CatalogAsync(ct), filter),
        "activity" => FilterParser.Parse(await activities.CatalogAsync(ct), filter),
        "deal" => FilterParser.Parse(await deals.CatalogAsync(ct), filter),
        "ticket" => FilterParser.Parse(await tickets.CatalogAsync(ct), filter),
        _ => Error.Validation("filter", $"A filter needs event types of one record type ({string.Join(", ", ObjectTypes)})."),
    };

    /// <summary>Whether the record meets the filter now; a filter that no longer parses (a field was retired) matches nothing.</summary>
    public async Task<bool> MatchesAsync(string objectType, Guid id, string filter, CancellationToken ct) => objectType switch
    {
        "contact" => await MatchAsync(db.Contacts, await contacts.CatalogAsync(ct), id, filter, ct),
        "company" => await MatchAsync(db.Companies, await companies.CatalogAsync(ct), id, filter, ct),
        "activity" => await MatchAsync(db.Activities, await activities.CatalogAsync(ct), id, filter, ct),
        "deal" => await MatchAsync(db.Deals, await deals.CatalogAsync(ct), id, filter, ct),
        "ticket" => await MatchAsync(db.Tickets, await tickets.CatalogAsync(ct), id, filter, ct),
        _ => false,
    };

    private async Task<bool> MatchAsync<T>(IQueryable<T> set, ObjectCatalog<T> catalog, Guid id, string filter, CancellationToken ct)
        where T : Record
    {
        var parsed = FilterParser.ParseText(catalog, filter);
        return parsed.IsSuccess && await set.IgnoreQueryFilters([QueryFilters.SoftDelete]).Where(e => e.Id == id)
            .Where(FilterCompiler.Compile(catalog, parsed.Value, clock)).AnyAsync(ct);
    }
}
