using CrmApi.Application.Querying;
using CrmApi.Application.Tickets;
using CrmApi.Domain.Tickets;

namespace CrmApi.Application.SlaPolicies;

/// <summary>
/// Every SLA policy of a workspace, deleted ones included, with conditions compiled once. Immutable, so one instance
/// serves every request that reads it.
/// </summary>
public sealed class SlaPolicySet
{
    private readonly Dictionary<Guid, SlaPolicyEntry> _byId;
    private readonly SlaPolicyEntry[] _live;

    private SlaPolicySet(IReadOnlyList<SlaPolicyEntry> all)
    {
        All = all;
        _byId = all.ToDictionary(e => e.Id);
        _live = [.. all.Where(e => !e.IsDeleted)];
    }

    /// <summary>No policy at all.</summary>
    public static SlaPolicySet Empty { get; } = new([]);

    /// <summary>Live policies by position, then deleted ones by position.</summary>
    public IReadOnlyList<SlaPolicyEntry> All { get; }

    /// <summary>The policy a ticket gets: the first live one by position whose conditions it meets; null when none does.</summary>
    public SlaPolicyEntry? Match(Ticket ticket) => Array.Find(_live, e => e.Matches(ticket));

    /// <summary>A policy by id, deleted or not (a ticket keeps the one it was given); null when the workspace has none such.</summary>
    public SlaPolicyEntry? Find(Guid id) => _byId.GetValueOrDefault(id);

    /// <param name="clock">"Now" for conditions on relative times (<c>withinLast</c>), read at each match: the set is shared for a while.</param>
    /// <param name="catalog">What conditions can reach in the workspace (custom fields included); the built-in ticket fields when null.</param>
    public static SlaPolicySet From(IEnumerable<SlaPolicyDefinition> definitions, TimeProvider clock, ObjectCatalog<Ticket>? catalog = null) => new(
    [
        .. definitions.OrderBy(d => d.IsDeleted).ThenBy(d => d.Position).ThenBy(d => d.CreatedAt).ThenBy(d => d.Id)
            .Select(d => new SlaPolicyEntry(d.Id, d.Name, d.Position, d.IsDeleted, Compile(d.Conditions, catalog ?? TicketFields.Catalog, clock), d.Policy)),
    ]);

    /// <summary>
    /// Conditions were checked against the catalog when written. Should a later catalog drop a field they name, the
    /// policy matches no ticket rather than failing every ticket write of its workspace.
    /// </summary>
    private static Func<Ticket, bool> Compile(string? conditions, ObjectCatalog<Ticket> catalog, TimeProvider clock)
    {
        var parsed = FilterParser.ParseText(catalog, conditions, "conditions");
        return parsed.IsSuccess ? FilterCompiler.Compile(catalog, parsed.Value, clock).Compile() : _ => false;
    }
}
