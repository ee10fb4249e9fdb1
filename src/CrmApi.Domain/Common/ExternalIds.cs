namespace CrmApi.Domain.Common;

/// <summary>Keeps a record's external-id rows in step with the map a client sends.</summary>
public static class ExternalIds
{
    public static IReadOnlyDictionary<string, string> ToMap<T>(IEnumerable<T> entries) where T : ExternalIdEntry
        => entries.OrderBy(e => e.System, StringComparer.Ordinal).ToDictionary(e => e.System, e => e.Value, StringComparer.Ordinal);

    /// <summary>Makes <paramref name="entries"/> hold exactly <paramref name="wanted"/>; returns whether anything changed.</summary>
    public static bool Sync<T>(List<T> entries, IReadOnlyDictionary<string, string> wanted, Func<string, string, T> create)
        where T : ExternalIdEntry
    {
        var changed = entries.RemoveAll(e => !wanted.ContainsKey(e.System)) > 0;
        foreach (var (system, value) in wanted)
        {
            var existing = entries.Find(e => e.System == system);
            if (existing is null)
            {
                entries.Add(create(system, value));
                changed = true;
            }
            else if (existing.Value != value)
            {
                existing.SetValue(value);
                changed = true;
            }
        }
        return changed;
    }
}
