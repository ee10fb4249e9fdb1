using System.Linq.Expressions;
using System.Reflection;

namespace CrmApi.Application.Querying;

/// <summary>
/// Turns a parsed filter into a predicate with a single parameter, for <c>Queryable.Where</c> (EF Core, on any
/// provider) or for LINQ to objects. Literals become SQL parameters, never SQL text.
/// </summary>
public static class FilterCompiler
{
    private static readonly MethodInfo AnyWithPredicate = typeof(Enumerable).GetMethods()
        .Single(m => m.Name == nameof(Enumerable.Any) && m.GetParameters().Length == 2);

    /// <summary>Compiles <paramref name="filter"/>; a null filter matches everything.</summary>
    /// <exception cref="ArgumentException">The filter names a field the catalog lacks (it was not parsed with it).</exception>
    public static Expression<Func<TEntity, bool>> Compile<TEntity>(ObjectCatalog<TEntity> catalog, FilterNode? filter)
    {
        var entity = Expression.Parameter(typeof(TEntity), "e");
        var body = filter is null ? QueryExpressions.True : Build(catalog, filter, entity);
        return Expression.Lambda<Func<TEntity, bool>>(body, entity);
    }

    private static Expression Build<TEntity>(ObjectCatalog<TEntity> catalog, FilterNode node, ParameterExpression entity) =>
        node switch
        {
            AndNode and => and.Children.Count == 0
                ? QueryExpressions.True
                : and.Children.Select(c => Build(catalog, c, entity)).Aggregate(Expression.AndAlso),
            OrNode or => or.Children.Count == 0
                ? QueryExpressions.False
                : or.Children.Select(c => Build(catalog, c, entity)).Aggregate(Expression.OrElse),
            NotNode not => Expression.Not(Build(catalog, not.Child, entity)),
            ConditionNode condition => Condition(catalog, condition, entity),
            _ => throw new ArgumentException($"Unknown filter node {node.GetType().Name}.", nameof(node)),
        };

    private static Expression Condition<TEntity>(ObjectCatalog<TEntity> catalog, ConditionNode condition, ParameterExpression entity)
    {
        if (!catalog.TryResolve(condition.Field, out var field, out var relation))
        {
            throw new ArgumentException($"The catalog of {typeof(TEntity).Name} has no field '{condition.Field}'.", nameof(condition));
        }
        if (relation is null) return Test(field, condition.Operator, condition.Values, field.Read(entity));

        // A negative test asks that no related record passes the positive one, so "no related record" matches it,
        // just as a null scalar matches neq.
        var (op, values, negate) = condition.Operator switch
        {
            FilterOperator.Neq => (FilterOperator.Eq, condition.Values, true),
            FilterOperator.Nin => (FilterOperator.In, condition.Values, true),
            FilterOperator.IsNull when (bool)condition.Values[0] => (FilterOperator.IsNull, (IReadOnlyList<object>)[false], true),
            _ => (condition.Operator, condition.Values, false),
        };
        Expression any;
        if (relation.IsSingle)
        {
            var target = ParameterReplacer.Inline(relation.Navigation, entity);
            any = Expression.AndAlso(Expression.NotEqual(target, Expression.Constant(null, target.Type)), Test(field, op, values, field.Read(target)));
            return negate ? Expression.Not(any) : any;
        }
        var related = Expression.Parameter(relation.RelatedType, "r");
        var predicate = Expression.Lambda(Test(field, op, values, field.Read(related)), related);
        any = Expression.Call(
            AnyWithPredicate.MakeGenericMethod(relation.RelatedType),
            ParameterReplacer.Inline(relation.Navigation, entity),
            predicate);
        return negate ? Expression.Not(any) : any;
    }

    private static Expression Test(FieldDefinition field, FilterOperator op, IReadOnlyList<object> values, Expression x)
    {
        switch (op)
        {
            case FilterOperator.Eq:
                return Expression.Equal(x, QueryExpressions.Parameter(values[0], x.Type));
            case FilterOperator.Neq:
                return Expression.NotEqual(x, QueryExpressions.Parameter(values[0], x.Type));
            case FilterOperator.Lt or FilterOperator.Lte or FilterOperator.Gt or FilterOperator.Gte:
                return QueryExpressions.Compare(x, op, QueryExpressions.Parameter(values[0], x.Type));
            case FilterOperator.In:
                return QueryExpressions.Contains(QueryExpressions.ArrayParameter(values, x.Type), x);
            case FilterOperator.Nin:
                return Expression.Not(QueryExpressions.Contains(QueryExpressions.ArrayParameter(values, x.Type), x));
            case FilterOperator.Contains when field.Type == FieldType.StringSet:
                return QueryExpressions.Contains(x, QueryExpressions.Parameter(values[0], typeof(string)));
            case FilterOperator.Contains:
                return QueryExpressions.TextMatch(x, nameof(string.Contains), (string)values[0]);
            case FilterOperator.StartsWith:
                return QueryExpressions.TextMatch(x, nameof(string.StartsWith), (string)values[0]);
            case FilterOperator.EndsWith:
                return QueryExpressions.TextMatch(x, nameof(string.EndsWith), (string)values[0]);
            case FilterOperator.IsNull:
                return (bool)values[0] ? QueryExpressions.IsNull(x) : QueryExpressions.IsNotNull(x);
            default:
                throw new ArgumentOutOfRangeException(nameof(op), op, null);
        }
    }
}
