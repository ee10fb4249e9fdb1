using System.Text.Json.Nodes;
using CrmApi.Application.Common;
using CrmApi.Domain.Tickets;
using Microsoft.EntityFrameworkCore;

using CrmApi.Application.Tickets;

namespace CrmApi.Application.SlaPolicies;

/// <summary>
/// SLA policies: list the live ones in order, read one (deleted ones too: tickets still refer to them), create, change
/// (merge patch) and delete. The live policies stay numbered 0..n-1: placing one at a position shifts the others,
/// each shift a change of that policy. Every write drops the cached <see cref="SlaPolicyBook"/>.
/// </summary>
/// <remarks>
/// Two creates racing at the end of the list can both take the last position. The order stays total (position, then
/// creation), and the next write to the workspace's policies numbers them 0..n-1 again.
/// </remarks>
public sealed class SlaPolicyHandlers(ICrmDbContext db, WorkspaceContext workspace, SlaPolicyBook book, TicketCatalog tickets, TimeProvider clock)
{
    private static readonly Error NotFound = Error.NotFound("SLA policy");

    public async Task<IReadOnlyList<SlaPolicyDto>> ListAsync(CancellationToken ct)
        => [.. (await LiveAsync(db.SlaPolicies.AsNoTracking(), ct)).Select(SlaPolicyDto.From)];

    public async Task<Result<SlaPolicyDto>> GetAsync(Guid id, CancellationToken ct)
        => await db.SlaPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) is { } p ? SlaPolicyDto.From(p) : NotFound;

    public async Task<Result<SlaPolicyDto>> CreateAsync(JsonObject body, CancellationToken ct)
    {
        var input = JsonInput.Read<SlaPolicyInput>(body);
        if (!input.IsSuccess) return Result<SlaPolicyDto>.Fail(input.Errors);
        var spec = SlaPolicyValidator.Validate(input.Value!, await tickets.LoadAsync(ct));
        if (!spec.IsSuccess) return Result<SlaPolicyDto>.Fail(spec.Errors);

        var s = spec.Value!;
        var order = await LiveAsync(db.SlaPolicies, ct);
        if (order.Count >= SlaPolicyDefinition.LiveMax)
            return Error.Conflict($"A workspace has at most {SlaPolicyDefinition.LiveMax} SLA policies; delete one first.");
        var now = clock.GetUtcNow();
        var position = Math.Min(s.Position ?? order.Count, order.Count);
        var policy = new SlaPolicyDefinition(Guid.CreateVersion7(now), workspace.RequiredId, s.Name, position, s.Conditions, s.Policy, now);
        order.Insert(position, policy);
        SlaPolicyDefinition.Renumber(order, now);
        db.SlaPolicies.Add(policy);
        return await SaveAsync(ct) is { } error ? error : SlaPolicyDto.From(policy);
    }

    /// <summary>A merge patch of anything but the id and timestamps, optionally guarded by the version from If-Match.</summary>
    public async Task<Result<SlaPolicyDto>> UpdateAsync(Guid id, JsonObject patch, long? expectedVersion, CancellationToken ct)
    {
        var policy = await db.SlaPolicies.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (policy is null) return NotFound;
        if (Writes.CheckVersion(expectedVersion, policy.Version) is { } stale) return stale;
        if (policy.IsDeleted)
            return Error.Conflict("The SLA policy is deleted: it keeps the calendar and targets its tickets are measured against. Create a new policy instead.");
        var current = JsonInput.Serialize(SlaPolicyDto.From(policy));
        foreach (var serverOwned in JsonInput.ReadOnlyProperties) current.Remove(serverOwned);
        var input = JsonInput.Read<SlaPolicyInput>((JsonObject)MergePatch.Apply(current, patch)!);
        if (!input.IsSuccess) return Result<SlaPolicyDto>.Fail(input.Errors);
        var spec = SlaPolicyValidator.Validate(input.Value!, await tickets.LoadAsync(ct));
        if (!spec.IsSuccess) return Result<SlaPolicyDto>.Fail(spec.Errors);

        var s = spec.Value!;
        var order = await LiveAsync(db.SlaPolicies, ct);
        order.Remove(policy);
        var position = Math.Min(s.Position ?? order.Count, order.Count);
        order.Insert(position, policy);
        var now = clock.GetUtcNow();
        policy.Change(s.Name, s.Conditions, s.Policy, position, now);
        SlaPolicyDefinition.Renumber(order, now);
        return await SaveAsync(ct) is { } error ? error : SlaPolicyDto.From(policy);
    }

    /// <summary>
    /// Deletes a policy: it matches no new ticket, the ones after it move up, and the tickets it governs keep it. Deleting
    /// a deleted policy changes nothing.
    /// </summary>
    public async Task<Result<Unit>> DeleteAsync(Guid id, long? expectedVersion, CancellationToken ct)
    {
        var policy = await db.SlaPolicies.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (policy is null) return NotFound;
        if (Writes.CheckVersion(expectedVersion, policy.Version) is { } stale) return stale;
        if (policy.IsDeleted) return Unit.Value;
        var order = await LiveAsync(db.SlaPolicies, ct);
        order.Remove(policy);
        var now = clock.GetUtcNow();
        policy.Delete(now);
        SlaPolicyDefinition.Renumber(order, now);
        return await SaveAsync(ct) is { } error ? error : Unit.Value;
    }

    /// <summary>The live policies in order. Few per workspace, so they are sorted here, which every provider agrees on.</summary>
    private static async Task<List<SlaPolicyDefinition>> LiveAsync(IQueryable<SlaPolicyDefinition> policies, CancellationToken ct)
        => [.. (await policies.Where(p => p.DeletedAt == null).ToListAsync(ct)).OrderBy(p => p.Position).ThenBy(p => p.CreatedAt).ThenBy(p => p.Id)];

    private async Task<Error?> SaveAsync(CancellationToken ct)
    {
        var error = await Writes.SaveAsync(db, ct);
        book.Forget();
        return error;
    }
}
