using System.Linq.Expressions;
using System.Text.Json;
using CrmApi.Application.Activities;
using CrmApi.Application.Common;
using CrmApi.Application.Companies;
using CrmApi.Application.Contacts;
using CrmApi.Application.Deals;
using CrmApi.Application.Events;
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

    /// <summary>
    /// For each of <paramref name="filters"/>, the live records among <paramref name="ids"/> that meet it now: one query
    /// answers many filters (each becomes a column), so a change is checked against every segment of its type at once.
    /// </summary>
    public async Task<IReadOnlyList<HashSet<Guid>>> MatchingEachAsync(string objectType, IReadOnlyCollection<Guid> ids, IReadOnlyList<string> filters,
        CancellationToken ct) => objectType switch
        {
            "contact" => await MatchingEachAsync(db.Contacts, await contacts.CatalogAsync(ct), ids, filters, ct),
            "company" => await MatchingEachAsync(db.Companies, await companies.CatalogAsync(ct), ids, filters, ct),
            "activity" => await MatchingEachAsync(db.Activities, await activities.CatalogAsync(ct), ids, filters, ct),
            "deal" => await MatchingEachAsync(db.Deals, await deals.CatalogAsync(ct), ids, filters, ct),
            "ticket" => await MatchingEachAsync(db.Tickets, await tickets.CatalogAsync(ct), ids, filters, ct),
            _ => [.. filters.Select(_ => new HashSet<Guid>())],
        };

    /// <summary>
    /// For each of <paramref name="filters"/>, the record's own fields it reads, which its <c>.updated</c> events name
    /// in <c>changes</c>: an update that changes none of them cannot change the filter's answer. Null for a filter whose
    /// answer may change otherwise (a relation or activity condition, a bookkeeping field such as <c>updatedAt</c>), or
    /// that no longer parses.
    /// </summary>
    public async Task<IReadOnlyList<IReadOnlySet<string>?>> OwnFieldsAsync(string objectType, IReadOnlyList<string> filters, CancellationToken ct)
        => objectType switch
        {
            "contact" => OwnFields(await contacts.CatalogAsync(ct), typeof(ContactDto), filters),
            "company" => OwnFields(await companies.CatalogAsync(ct), typeof(CompanyDto), filters),
            "activity" => OwnFields(await activities.CatalogAsync(ct), typeof(ActivityDto), filters),
            "deal" => OwnFields(await deals.CatalogAsync(ct), typeof(DealDto), filters),
            "ticket" => OwnFields(await tickets.CatalogAsync(ct), typeof(TicketDto), filters),
            _ => [.. filters.Select(_ => (IReadOnlySet<string>?)null)],
        };

    /// <summary>
    /// A field counts as the record's own when the catalog has it as such and the representation events diff has it
    /// under the same name (<c>email</c>, <c>address.city</c>, <c>custom.tier</c>), so its changes show under that path.
    /// </summary>
    private List<IReadOnlySet<string>?> OwnFields<T>(ObjectCatalog<T> catalog, Type dto, IReadOnlyList<string> filters) where T : Record
    {
        var own = catalog.Fields.Select(f => f.Name).ToHashSet();
        var shown = dto.GetProperties().Select(p => CrmJson.Options.PropertyNamingPolicy?.ConvertName(p.Name) ?? p.Name).ToHashSet();
        return [.. filters.Select(f => Parse(catalog, f) is { IsSuccess: true } parsed && FilterFacts.Fields(parsed.Value) is { } fields
            && fields.All(n => own.Contains(n) && shown.Contains(n.Split('.')[0]) && EventRecorder.ShowsInChanges(n)) ? fields : null)];
    }

    /// <summary>Filters parsed in this scope: a segment step asks about the same filters more than once.</summary>
    private readonly Dictionary<(Type, string), object> _parsed = [];

    private Result<FilterNode?> Parse<T>(ObjectCatalog<T> catalog, string filter) where T : Record
    {
        if (_parsed.TryGetValue((typeof(T), filter), out var done)) return (Result<FilterNode?>)done;
        var parsed = FilterParser.ParseText(catalog, filter);
        _parsed[(typeof(T), filter)] = parsed;
        return parsed;
    }

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

    private async Task<HashSet<Guid>> MatchingAsync<T>(IQueryable<T> live, ObjectCatalog<T> catalog, IReadOnlyCollection<Guid>? ids,
        string filter, CancellationToken ct) where T : Record
    {
        var parsed = FilterParser.ParseText(catalog, filter);
        if (!parsed.IsSuccess) return [];
        var matching = live.Where(FilterCompiler.Compile(catalog, parsed.Value, clock));
        if (ids is null) return [.. await matching.Select(e => e.Id).ToListAsync(ct)];
        var found = new HashSet<Guid>();
        foreach (var chunk in ids.Chunk(IdsPerQuery))
        {
            var wanted = chunk.ToList();
            found.UnionWith(await matching.Where(e => wanted.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct));
        }
        return found;
    }

    /// <summary>Filters answered together in one query, at most this many columns each.</summary>
    private const int FiltersPerQuery = 25;

    private async Task<IReadOnlyList<HashSet<Guid>>> MatchingEachAsync<T>(IQueryable<T> live, ObjectCatalog<T> catalog,
        IReadOnlyCollection<Guid> ids, IReadOnlyList<string> filters, CancellationToken ct) where T : Record
    {
        var found = filters.Select(_ => new HashSet<Guid>()).ToList();
        var entity = Expression.Parameter(typeof(T), "e");
        // A filter that no longer parses matches nothing.
        var conditions = filters.Select(f => Parse(catalog, f) is { IsSuccess: true } parsed
            ? ParameterReplacer.Inline(FilterCompiler.Compile(catalog, parsed.Value, clock), entity)
            : QueryExpressions.False).ToList();
        for (var first = 0; first < conditions.Count; first += FiltersPerQuery)
        {
            var part = conditions.Skip(first).Take(FiltersPerQuery).ToList();
            var row = Expression.Lambda<Func<T, Hits>>(
                Expression.New(typeof(Hits).GetConstructors()[0], Expression.Property(entity, nameof(Record.Id)), Expression.NewArrayInit(typeof(bool), part)),
                entity);
            foreach (var chunk in ids.Chunk(IdsPerQuery))
            {
                var wanted = chunk.ToList();
                foreach (var hit in await live.Where(e => wanted.Contains(e.Id)).Select(row).ToListAsync(ct))
                    for (var i = 0; i < hit.Matches.Length; i++)
                        if (hit.Matches[i]) found[first + i].Add(hit.Id);
            }
        }
        return found;
    }

    private sealed record Hits(Guid Id, bool[] Matches);

    private async Task<bool> MatchAsync<T>(IQueryable<T> set, ObjectCatalog<T> catalog, Guid id, string filter, CancellationToken ct)
        where T : Record
    {
        var parsed = FilterParser.ParseText(catalog, filter);
        return parsed.IsSuccess && await set.IgnoreQueryFilters([QueryFilters.SoftDelete]).Where(e => e.Id == id)
            .Where(FilterCompiler.Compile(catalog, parsed.Value, clock)).AnyAsync(ct);
    }
}
