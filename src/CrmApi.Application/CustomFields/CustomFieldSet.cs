using CrmApi.Application.Common;
using CrmApi.Domain.CustomFields;
using Microsoft.EntityFrameworkCore;

namespace CrmApi.Application.CustomFields;

/// <summary>The workspace's custom field definitions per object type, read once per request.</summary>
public sealed class CustomFieldSet(ICrmDbContext db)
{
    private readonly Dictionary<string, IReadOnlyList<CustomFieldDefinition>> _cache = new(StringComparer.Ordinal);

    /// <summary>Every definition of the object type, retired ones included, oldest first.</summary>
    public async Task<IReadOnlyList<CustomFieldDefinition>> ForAsync(string objectType, CancellationToken ct)
    {
        if (_cache.TryGetValue(objectType, out var cached)) return cached;
        var fields = await db.CustomFields.AsNoTracking().Where(f => f.ObjectType == objectType).OrderBy(f => f.CreatedAt).ThenBy(f => f.Id).ToListAsync(ct);
        return _cache[objectType] = fields;
    }

    public void Forget(string objectType) => _cache.Remove(objectType);
}
