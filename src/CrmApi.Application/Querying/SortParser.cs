using CrmApi.Application.Common;

namespace CrmApi.Application.Querying;

/// <summary>Parses the sort parameter: a comma list of sortable fields, each descending when prefixed with '-'.</summary>
public static class SortParser
{
    public const int MaxFields = 5;

    /// <summary>
    /// Parses <paramref name="sort"/> (blank means the catalog's default) and appends the catalog's key, in the
    /// direction of the last field, unless it is already there: the key makes the order total, which keyset paging needs.
    /// </summary>
    public static Result<IReadOnlyList<SortKey>> Parse<TEntity>(ObjectCatalog<TEntity> catalog, string? sort, string path = "sort")
    {
        var text = string.IsNullOrWhiteSpace(sort) ? catalog.DefaultSort : sort;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length > MaxFields)
        {
            return Fail($"At most {MaxFields} sort fields are allowed; got {parts.Length}.");
        }
        var keys = new List<SortKey>();
        foreach (var part in parts)
        {
            var descending = part.StartsWith('-');
            var name = descending ? part[1..] : part;
            if (name.Length == 0) return Fail($"The sort '{text}' has an empty field; give field names separated by commas, such as 'lastName,-createdAt'.");
            var field = catalog.FindField(name);
            if (field is null || !field.Sortable)
            {
                var problem = field is null ? $"Unknown sort field '{name}'." : $"Field '{name}' cannot be sorted on.";
                return Fail($"{problem} Sortable fields: {string.Join(", ", catalog.SortableNames)}.");
            }
            if (keys.Any(k => k.Field == field)) return Fail($"Field '{name}' appears more than once in the sort.");
            keys.Add(new SortKey(field, descending));
        }
        if (keys.All(k => k.Field != catalog.Key)) keys.Add(new SortKey(catalog.Key, keys[^1].Descending));
        return Result<IReadOnlyList<SortKey>>.Ok(keys);

        Result<IReadOnlyList<SortKey>> Fail(string message) => Result<IReadOnlyList<SortKey>>.Fail(Error.Validation(path, message));
    }
}
