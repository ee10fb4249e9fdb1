using CrmApi.Application.Common;
using Microsoft.EntityFrameworkCore;

using CrmApi.Application.Tickets;

namespace CrmApi.Application.SlaPolicies;

/// <summary>
/// The current workspace's SLA policies for the ticket writes that pick one: read once per request and shared across
/// requests for a short while (<see cref="ReadCacheOptions"/>), conditions compiled once per read from the database.
/// Every change of a policy calls <see cref="Forget"/>, so this process's next read sees it at once.
/// </summary>
public sealed class SlaPolicyBook(
    ICrmDbContext db, WorkspaceContext workspace, TicketCatalog tickets, SharedReadCache<Guid, SlaPolicySet> shared, TimeProvider clock)
{
    private SlaPolicySet? _loaded;

    /// <summary>
    /// Every policy of the workspace, deleted ones included. <paramref name="fresh"/> reads the database, for a write
    /// that must not act on another instance's stale copy.
    /// </summary>
    public async Task<SlaPolicySet> LoadAsync(CancellationToken ct, bool fresh = false)
    {
        if (!fresh && _loaded is not null) return _loaded;
        var key = workspace.RequiredId;
        if (!fresh && shared.TryGet(key, out var recent)) return _loaded = recent;
        var generation = shared.Generation(key);
        var definitions = await db.SlaPolicies.AsNoTracking().ToListAsync(ct);
        var set = SlaPolicySet.From(definitions, clock, await tickets.LoadAsync(ct));
        shared.Set(key, set, generation);
        return _loaded = set;
    }

    /// <summary>After a change of the workspace's policies: the next read, here and in every request of this process, sees it.</summary>
    public void Forget()
    {
        _loaded = null;
        shared.Invalidate(workspace.RequiredId);
    }
}
