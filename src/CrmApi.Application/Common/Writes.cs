using CrmApi.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CrmApi.Application.Common;

/// <summary>Steps every record write shares: preconditions, external-id uniqueness and saving with conflicts mapped.</summary>
public static class Writes
{
    /// <summary>An <c>If-Match</c> version that is not the record's current one fails the write.</summary>
    public static Error? CheckVersion(long? expected, long actual) =>
        expected is { } v && v != actual ? Error.PreconditionFailed() : null;

    /// <summary>An external id is unique per workspace, object type and system: another record holding it is a conflict.</summary>
    public static async Task<Error?> ExternalIdConflictAsync<TEntry>(IQueryable<TEntry> entries, Guid recordId,
        IReadOnlyDictionary<string, string> ids, string objectName, CancellationToken ct) where TEntry : ExternalIdEntry
    {
        if (ids.Count == 0) return null;
        var systems = ids.Keys.ToList();
        var values = ids.Values.ToList();
        var candidates = await entries
            .Where(e => e.RecordId != recordId && systems.Contains(e.System) && values.Contains(e.Value))
            .Select(e => new { e.System, e.Value })
            .ToListAsync(ct);
        var taken = candidates.FirstOrDefault(c => ids.TryGetValue(c.System, out var v) && v == c.Value);
        return taken is null
            ? null
            : Error.Conflict($"Another {objectName} already has the {taken.System} id '{taken.Value}'.", $"externalIds.{taken.System}");
    }

    /// <summary>
    /// The first of <paramref name="ids"/> that is no live record of the workspace, as a validation error on
    /// <c>field[i]</c>; null when all exist.
    /// </summary>
    public static async Task<Error?> UnknownLinkAsync<T>(IQueryable<T> live, IReadOnlyList<Guid> ids, string field, string what,
        CancellationToken ct) where T : Record
    {
        if (ids.Count == 0) return null;
        var wanted = ids.ToList();
        var found = await live.Where(r => wanted.Contains(r.Id)).Select(r => r.Id).ToListAsync(ct);
        var i = wanted.FindIndex(id => !found.Contains(id));
        return i < 0 ? null : Error.Validation($"{field}[{i}]", $"No {what} {wanted[i]} exists.");
    }

    /// <summary>Saves; a unique key taken by a concurrent write is a conflict, a version moved by one is a failed precondition.</summary>
    public static async Task<Error?> SaveAsync(ICrmDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (UniqueConstraintException)
        {
            return Error.Conflict("The record conflicts with another one (a unique value is already taken).");
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.PreconditionFailed();
        }
    }
}
