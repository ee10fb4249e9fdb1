using CrmApi.Application.Common;
using CrmApi.Domain.CustomFields;
using Microsoft.EntityFrameworkCore;

namespace CrmApi.Application.CustomFields;

/// <summary>
/// The workspace's custom field definitions per object type: every read and write of a record needs them, so they are
/// read once per request and shared across requests for a short while (<see cref="ReadCacheOptions"/>).
/// </summary>
public sealed class CustomFieldSet(
    ICrmDbContext db, WorkspaceContext workspace, SharedReadCache<(Guid Workspace, string ObjectType), IReadOnlyList<CustomFieldDefinition>> shared)
{
    private readonly Dictionary<string, IReadOnlyList<CustomFieldDefinition>> _cache = new(StringComparer.Ordinal);

    /// <summary>
    /// Every definition of the object type, retired ones included, oldest first. <paramref name="fresh"/> reads the
    /// database, for a change of the definitions themselves, which must not act on another instance's stale copy.
    /// </summary>
    public async Task<IReadOnlyList<CustomFieldDefinition>> ForAsync(string objectType, CancellationToken ct, bool fresh = false)
    {
        if (!fresh && _cache.TryGetValue(objectType, out var cached)) return cached;
        var key = (workspace.RequiredId, objectType);
        if (!fresh && shared.TryGet(key, out var recent)) return _cache[objectType] = recent;
        var generation = shared.Generation(key);
        var fields = await db.CustomFields.AsNoTracking().Where(f => f.ObjectType == objectType)
            .OrderBy(f => f.CreatedAt).ThenBy(f => f.Id).ToListAsync(ct);
        shared.Set(key, fields, generation);
        return _cache[objectType] = fields;
    }

    /// <summary>After a change of the object type's definitions: the next read, here and in every request of this process, sees it.</summary>
    public void Forget(string objectType)
    {
        _cache.Remove(objectType);
        shared.Invalidate((workspace.RequiredId, objectType));
    }
}
