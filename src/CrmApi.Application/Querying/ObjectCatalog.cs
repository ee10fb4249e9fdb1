namespace CrmApi.Application.Querying;

/// <summary>
/// Everything a client can filter and sort an object type on. It is the single source for the filter parser, the
/// compiler, sorting, paging and the metadata endpoint, so a field exists everywhere or nowhere.
/// </summary>
public sealed class ObjectCatalog<TEntity>
{
    private readonly Dictionary<string, (FieldDefinition Field, RelationDefinition? Relation)> byName;

    internal ObjectCatalog(
        IReadOnlyList<FieldDefinition> fields, IReadOnlyList<RelationDefinition> relations, FieldDefinition key, string defaultSort,
        ActivityLinks? activities = null)
    {
        Fields = fields;
        Activities = activities;
        DefaultSort = defaultSort;
        Relations = relations;
        Key = key;
        byName = new Dictionary<string, (FieldDefinition, RelationDefinition?)>(StringComparer.Ordinal);
        foreach (var field in fields) Add(field, null);
        foreach (var relation in relations)
        {
            foreach (var field in relation.Fields) Add(field, relation);
        }
        if (activities is not null && byName.ContainsKey(ActivityNode.Key))
        {
            throw new InvalidOperationException($"The catalog of {typeof(TEntity).Name} names '{ActivityNode.Key}' as a field and as its activity conditions.");
        }
        FilterableNames = activities is null ? [.. byName.Keys] : [.. byName.Keys, ActivityNode.Key];
        SortableNames = [.. fields.Where(f => f.Sortable).Select(f => f.Name)];
    }

    /// <summary>The object's own fields, in the order the metadata endpoint lists them.</summary>
    public IReadOnlyList<FieldDefinition> Fields { get; }
    public IReadOnlyList<RelationDefinition> Relations { get; }
    /// <summary>The unique, non-null field that ends every sort so that keyset paging has a total order.</summary>
    public FieldDefinition Key { get; }
    /// <summary>The sort used when a request gives none, in the sort parameter's syntax.</summary>
    public string DefaultSort { get; }
    /// <summary>The record's activities, which <c>activity</c> conditions test; null for an object without activity links.</summary>
    public ActivityLinks? Activities { get; }

    /// <summary>Every name a filter may use as a key besides and/or/not: fields, relation fields, and <c>activity</c> where offered.</summary>
    internal IReadOnlyList<string> FilterableNames { get; }
    internal IReadOnlyList<string> SortableNames { get; }

    /// <summary>Finds a field by its public name, own (<c>address.city</c>) or through a relation (<c>company.domain</c>).</summary>
    public FieldDefinition? FindField(string name) => byName.TryGetValue(name, out var entry) ? entry.Field : null;

    /// <summary>The fields as the metadata endpoint shows them, relation fields (dotted, never sortable) last.</summary>
    public IReadOnlyList<FieldDescriptor> Describe() =>
    [
        .. Fields.Concat(Relations.SelectMany(r => r.Fields)).Select(f => new FieldDescriptor(
            f.Name,
            QueryNames.Of(f.Type),
            f.Nullable,
            [.. f.Operators.Select(QueryNames.Of)],
            f.Sortable,
            f.EnumValues)),
    ];

    internal bool TryResolve(string name, out FieldDefinition field, out RelationDefinition? relation)
    {
        if (byName.TryGetValue(name, out var entry))
        {
            (field, relation) = entry;
            return true;
        }
        (field, relation) = (null!, null);
        return false;
    }

    private void Add(FieldDefinition field, RelationDefinition? relation)
    {
        if (!byName.TryAdd(field.Name, (field, relation)))
        {
            throw new InvalidOperationException($"The catalog of {typeof(TEntity).Name} names '{field.Name}' twice.");
        }
    }
}
