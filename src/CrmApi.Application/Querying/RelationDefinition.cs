using System.Linq.Expressions;

namespace CrmApi.Application.Querying;

/// <summary>
/// A one-hop link to another object whose fields a filter can reach as <c>relation.field</c>. A positive condition
/// matches when any related record satisfies it; a negative one (<c>neq</c>, <c>nin</c>, <c>isNull: true</c>) when none
/// satisfies its positive counterpart, so a record with no related record matches "not X" as a null scalar would.
/// </summary>
public sealed class RelationDefinition
{
    internal RelationDefinition(string name, LambdaExpression navigation, Type relatedType, IReadOnlyList<FieldDefinition> fields, bool single = false)
    {
        IsSingle = single;
        Name = name;
        Navigation = navigation;
        RelatedType = relatedType;
        Fields = fields;
    }

    public string Name { get; }
    /// <summary>
    /// An <c>Expression&lt;Func&lt;TEntity, IEnumerable&lt;TRelated&gt;&gt;&gt;</c>, or for a relation to at most one record
    /// (<see cref="IsSingle"/>) an <c>Expression&lt;Func&lt;TEntity, TRelated?&gt;&gt;</c>.
    /// </summary>
    public LambdaExpression Navigation { get; }
    public Type RelatedType { get; }
    public bool IsSingle { get; }
    /// <summary>The related fields, named with the relation prefix; their accessors take the related record.</summary>
    public IReadOnlyList<FieldDefinition> Fields { get; }
}
