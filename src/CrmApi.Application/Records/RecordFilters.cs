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

namespace CrmApi.Application.Records;

/// <summary>
/// Stored filters (a webhook's, a segment's): the shared filter language over one record type (custom fields included),
/// checked when saved and run later against the records as they are then. A webhook tests the record an event is about
/// (deleted records included, so a <c>deal.deleted</c> event can match); a segment asks which live records meet it.
/// </summary>
public sealed class RecordFilters(
    ICrmDbContext db, ContactHandlers contacts, CompanyHandlers companies, ActivityHandlers activities, DealHandlers deals, TicketHandlers tickets)
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

    /// <summary>
    /// The live records among <paramref name="ids"/> (all of the workspace's when null) that meet the filter now; a
    /// filter that no longer parses matches nothing.
    /// </summary>
    public async Task<HashSet<Guid>> MatchingAsync(string objectType, IReadOnlyCollection<Guid>? ids, string filter, CancellationToken ct)
        => objectType switch
        {
            "contact" => await MatchingAsync(db.Contacts, await contacts.CatalogAsync(ct), ids, filter, ct),
            "company" => await MatchingAsync(db.Companies, await companies.CatalogAsync(ct), ids, filter, ct),
            "activity" => await MatchingAsync(db.Activities, await activities.CatalogAsync(ct), ids, filter, ct),
            "deal" => await MatchingAsync(db.Deals, await deals.CatalogAsync(ct), ids, filter, ct),
            "ticket" => await MatchingAsync(db.Tickets, await tickets.CatalogAsync(ct), ids, filter, ct),
            _ => [],
        };

    /// <summary>Which of <paramref name="ids"/> are live records of the type (for hand-picked members).</summary>
    public async Task<HashSet<Guid>> ExistingAsync(string objectType, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var wanted = ids.ToList();
        return objectType switch
        {
            "contact" => [.. await db.Contacts.Where(e => wanted.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct)],
            "company" => [.. await db.Companies.Where(e => wanted.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct)],
            "activity" => [.. await db.Activities.Where(e => wanted.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct)],
            "deal" => [.. await db.Deals.Where(e => wanted.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct)],
            "ticket" => [.. await db.Tickets.Where(e => wanted.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct)],
            _ => [],
        };
    }

    private const int IdsPerQuery = 1000;

    private static async Task<HashSet<Guid>> MatchingAsync<T>(IQueryable<T> live, ObjectCatalog<T> catalog, IReadOnlyCollection<Guid>? ids,
        string filter, CancellationToken ct) where T : Record
    {
        var parsed = FilterParser.ParseText(catalog, filter);
        if (!parsed.IsSuccess) return [];
        var matching = live.Where(FilterCompiler.Compile(catalog, parsed.Value));
        if (ids is null) return [.. await matching.Select(e => e.Id).ToListAsync(ct)];
        var found = new HashSet<Guid>();
        foreach (var chunk in ids.Chunk(IdsPerQuery))
        {
            var wanted = chunk.ToList();
            found.UnionWith(await matching.Where(e => wanted.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct));
        }
        return found;
    }

    private static async Task<bool> MatchAsync<T>(IQueryable<T> set, ObjectCatalog<T> catalog, Guid id, string filter, CancellationToken ct)
        where T : Record
    {
        var parsed = FilterParser.ParseText(catalog, filter);
        return parsed.IsSuccess && await set.IgnoreQueryFilters([QueryFilters.SoftDelete]).Where(e => e.Id == id)
            .Where(FilterCompiler.Compile(catalog, parsed.Value)).AnyAsync(ct);
    }
}
