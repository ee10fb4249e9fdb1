using System.Linq.Expressions;
using CrmApi.Domain.Activities;

namespace CrmApi.Application.Querying;

/// <summary>
/// Declares an <see cref="ObjectCatalog{TEntity}"/>. Mistakes (an accessor whose type does not fit the field type, a
/// duplicate name, a bad default sort) throw when the catalog is built, which is at type initialisation: a test that
/// touches the catalog catches them.
/// </summary>
public sealed class ObjectCatalogBuilder<TEntity>
{
    private static readonly Type[] IntegerTypes = [typeof(short), typeof(int), typeof(long)];

    private readonly List<FieldDefinition> fields = [];
    private readonly List<RelationDefinition> relations = [];
    private ActivityLinks? activities;

    /// <summary>A builder that starts with an existing catalog's fields and relations, to extend it (custom fields).</summary>
    public static ObjectCatalogBuilder<TEntity> From(ObjectCatalog<TEntity> catalog)
    {
        var builder = new ObjectCatalogBuilder<TEntity>();
        builder.fields.AddRange(catalog.Fields);
        builder.relations.AddRange(catalog.Relations);
        builder.activities = catalog.Activities;
        return builder;
    }

    /// <summary>
    /// Adds a field. <paramref name="nullable"/> defaults to what the accessor's type says for value types, and to true
    /// for strings (the CLR type cannot tell); <paramref name="sortable"/> defaults to true for string, number, date-time,
    /// date and uuid fields. <paramref name="normalize"/> applies to string literals (e.g. lower-casing emails).
    /// </summary>
    public ObjectCatalogBuilder<TEntity> Field<TProp>(
        string name,
        FieldType type,
        Expression<Func<TEntity, TProp>> accessor,
        bool? nullable = null,
        Func<string, string>? normalize = null,
        bool? sortable = null)
    {
        CheckType(name, type, typeof(TProp));
        var isNullable = type != FieldType.StringSet
            && (nullable ?? (!typeof(TProp).IsValueType || Nullable.GetUnderlyingType(typeof(TProp)) is not null));
        if (isNullable && typeof(TProp).IsValueType && Nullable.GetUnderlyingType(typeof(TProp)) is null)
        {
            throw new InvalidOperationException($"Field '{name}' is declared nullable but its type {typeof(TProp).Name} cannot be null.");
        }
        var canSort = sortable ?? type is FieldType.String or FieldType.Integer or FieldType.Decimal or FieldType.DateTime or FieldType.Date
            or FieldType.Uuid;
        if (canSort && type == FieldType.StringSet) throw new InvalidOperationException($"Field '{name}' is a set and cannot be sorted on.");
        fields.Add(new FieldDefinition(name, type, accessor, isNullable, canSort, DefaultOperators(type, isNullable), normalize));
        return this;
    }

    /// <summary>
    /// Adds a one-hop relation whose listed fields (all of the related object's own fields when none are listed) become
    /// reachable as <c>name.field</c>.
    /// </summary>
    public ObjectCatalogBuilder<TEntity> Relation<TRelated>(
        string name,
        Expression<Func<TEntity, IEnumerable<TRelated>>> navigation,
        ObjectCatalog<TRelated> related,
        params string[] fieldNames)
    {
        relations.Add(new RelationDefinition(name, navigation, typeof(TRelated), [.. Chosen(name, related, fieldNames).Select(f => f.ThroughRelation(name))]));
        return this;
    }

    /// <summary>
    /// Makes more fields of a relation's related object reachable (its custom fields, which are known per workspace),
    /// named <c>relation.field</c> like the others.
    /// </summary>
    public ObjectCatalogBuilder<TEntity> ExtendRelation<TRelated>(string name, IEnumerable<FieldDefinition> relatedFields)
    {
        var i = relations.FindIndex(r => r.Name == name);
        if (i < 0 || relations[i].RelatedType != typeof(TRelated))
            throw new InvalidOperationException($"No relation '{name}' to {typeof(TRelated).Name}.");
        var r = relations[i];
        relations[i] = new RelationDefinition(r.Name, r.Navigation, r.RelatedType, [.. r.Fields, .. relatedFields.Select(f => f.ThroughRelation(name))], r.IsSingle);
        return this;
    }

    private static IReadOnlyList<FieldDefinition> Chosen<TRelated>(string name, ObjectCatalog<TRelated> related, string[] fieldNames)
        => fieldNames.Length == 0
            ? related.Fields
            : fieldNames.Select(f => related.Fields.FirstOrDefault(x => x.Name == f)
                ?? throw new InvalidOperationException($"Relation '{name}': {typeof(TRelated).Name} has no field '{f}'.")).ToList();

    /// <summary>
    /// Adds a one-hop relation to at most one record (a ticket's requester), reached by a reference navigation; a record
    /// without it matches negative conditions, as with <see cref="Relation{TRelated}"/>.
    /// </summary>
    public ObjectCatalogBuilder<TEntity> RelationOne<TRelated>(
        string name,
        Expression<Func<TEntity, TRelated?>> navigation,
        ObjectCatalog<TRelated> related,
        params string[] fieldNames)
        where TRelated : class
    {
        relations.Add(new RelationDefinition(name, navigation, typeof(TRelated), [.. Chosen(name, related, fieldNames).Select(f => f.ThroughRelation(name))], single: true));
        return this;
    }

    /// <summary>
    /// Offers <c>activity</c> conditions (how many activities of a type the record has, or the sum of their amounts),
    /// reaching the record's activities through <paramref name="navigation"/> and testing the fields of
    /// <paramref name="catalog"/>.
    /// </summary>
    public ObjectCatalogBuilder<TEntity> Activities(Expression<Func<TEntity, IEnumerable<Activity>>> navigation, ObjectCatalog<Activity> catalog)
    {
        if (catalog.Relations.Count > 0 || catalog.Activities is not null)
        {
            throw new InvalidOperationException("Activity conditions test the activities' own fields: give a catalog without relations.");
        }
        activities = new ActivityLinks(navigation, catalog);
        return this;
    }

    /// <param name="key">The unique, non-null, sortable field that breaks ties in every sort.</param>
    /// <param name="defaultSort">The sort used when a request gives none.</param>
    public ObjectCatalog<TEntity> Build(string key = "id", string defaultSort = "-createdAt")
    {
        var keyField = fields.FirstOrDefault(f => f.Name == key)
            ?? throw new InvalidOperationException($"The key field '{key}' is not declared.");
        if (keyField.Nullable || !keyField.Sortable)
        {
            throw new InvalidOperationException($"The key field '{key}' must be non-null and sortable.");
        }
        var catalog = new ObjectCatalog<TEntity>([.. fields], [.. relations], keyField, defaultSort, activities);
        var sort = SortParser.Parse(catalog, defaultSort);
        if (!sort.IsSuccess) throw new InvalidOperationException($"The default sort '{defaultSort}' is invalid: {sort.Errors[0].Message}");
        return catalog;
    }

    private static IReadOnlyList<FilterOperator> DefaultOperators(FieldType type, bool nullable)
    {
        IReadOnlyList<FilterOperator> operators = type switch
        {
            FieldType.String =>
            [
                FilterOperator.Eq, FilterOperator.Neq, FilterOperator.Lt, FilterOperator.Lte, FilterOperator.Gt, FilterOperator.Gte,
                FilterOperator.In, FilterOperator.Nin, FilterOperator.Contains, FilterOperator.StartsWith, FilterOperator.EndsWith,
            ],
            FieldType.Integer or FieldType.Decimal =>
            [
                FilterOperator.Eq, FilterOperator.Neq, FilterOperator.Lt, FilterOperator.Lte, FilterOperator.Gt, FilterOperator.Gte,
                FilterOperator.In, FilterOperator.Nin,
            ],
            FieldType.DateTime or FieldType.Date =>
            [
                FilterOperator.Eq, FilterOperator.Neq, FilterOperator.Lt, FilterOperator.Lte, FilterOperator.Gt, FilterOperator.Gte,
                FilterOperator.In, FilterOperator.Nin, FilterOperator.WithinLast, FilterOperator.OlderThan,
            ],
            FieldType.Uuid or FieldType.Enum => [FilterOperator.Eq, FilterOperator.Neq, FilterOperator.In, FilterOperator.Nin],
            FieldType.Boolean => [FilterOperator.Eq, FilterOperator.Neq],
            FieldType.StringSet => [FilterOperator.Contains],
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
        };
        return nullable ? [.. operators, FilterOperator.IsNull] : operators;
    }

    private static void CheckType(string name, FieldType type, Type clrType)
    {
        var underlying = Nullable.GetUnderlyingType(clrType) ?? clrType;
        var fits = type switch
        {
            FieldType.String => clrType == typeof(string),
            FieldType.Integer => IntegerTypes.Contains(underlying),
            FieldType.Decimal => underlying == typeof(decimal),
            FieldType.DateTime => underlying == typeof(DateTimeOffset),
            FieldType.Date => underlying == typeof(DateOnly),
            FieldType.Boolean => underlying == typeof(bool),
            FieldType.Enum => underlying.IsEnum,
            FieldType.Uuid => underlying == typeof(Guid),
            FieldType.StringSet => typeof(IEnumerable<string>).IsAssignableFrom(clrType),
            _ => false,
        };
        if (!fits) throw new InvalidOperationException($"Field '{name}' of type {type} cannot read a {clrType.Name}.");
    }
}
