using System.Linq.Expressions;
using System.Reflection;
using CrmApi.Domain.Activities;
using CrmApi.Domain.Common;

namespace CrmApi.Application.Querying;

/// <summary>
/// Turns a parsed filter into a predicate with a single parameter, for <c>Queryable.Where</c> (EF Core, on any
/// provider) or for LINQ to objects. Literals become SQL parameters, never SQL text. Relative times
/// (<c>withinLast</c>, <c>olderThan</c>) read <paramref name="clock"/> each time the predicate runs (see
/// <see cref="RelativeTime"/>), so a compiled filter may be kept and reused.
/// </summary>
public static class FilterCompiler
{
    private static readonly MethodInfo AnyWithPredicate = EnumerableMethod(nameof(Enumerable.Any), 2);
    private static readonly MethodInfo CountWithPredicate = EnumerableMethod(nameof(Enumerable.Count), 2);
    private static readonly MethodInfo WhereWithPredicate = typeof(Enumerable).GetMethods()
        .Single(m => m.Name == nameof(Enumerable.Where) && m.GetParameters()[1].ParameterType.GetGenericArguments().Length == 2);
    private static readonly MethodInfo SumOfDecimals = SumOf(typeof(decimal?));
    private static readonly MethodInfo SumOfLongs = SumOf(typeof(long?));

    /// <summary>Compiles <paramref name="filter"/>; a null filter matches everything.</summary>
    /// <param name="clock">The source of "now" for relative times; read when the predicate runs, not here.</param>
    /// <exception cref="ArgumentException">The filter names a field the catalog lacks (it was not parsed with it).</exception>
    public static Expression<Func<TEntity, bool>> Compile<TEntity>(ObjectCatalog<TEntity> catalog, FilterNode? filter, TimeProvider clock)
    {
        var entity = Expression.Parameter(typeof(TEntity), "e");
        var body = filter is null ? QueryExpressions.True : Build(catalog, filter, entity, clock);
        return Expression.Lambda<Func<TEntity, bool>>(body, entity);
    }

    private static Expression Build<TEntity>(ObjectCatalog<TEntity> catalog, FilterNode node, ParameterExpression entity, TimeProvider clock) =>
        node switch
        {
            AndNode and => and.Children.Count == 0
                ? QueryExpressions.True
                : and.Children.Select(c => Build(catalog, c, entity, clock)).Aggregate(Expression.AndAlso),
            OrNode or => or.Children.Count == 0
                ? QueryExpressions.False
                : or.Children.Select(c => Build(catalog, c, entity, clock)).Aggregate(Expression.OrElse),
            NotNode not => Expression.Not(Build(catalog, not.Child, entity, clock)),
            ConditionNode condition => Condition(catalog, condition, entity, clock),
            ActivityNode activity => ActivityCondition(catalog, activity, entity, clock),
            _ => throw new ArgumentException($"Unknown filter node {node.GetType().Name}.", nameof(node)),
        };

    /// <summary>
    /// A correlated subquery over the record's activity links: <c>Any</c>, <c>!Any</c>, <c>Count(...) op n</c> or
    /// <c>Where(...).Sum(field) op v</c>. Deleted activities never count, even where a query lifts the soft-delete filter
    /// (a webhook matching a deleted record).
    /// </summary>
    private static Expression ActivityCondition<TEntity>(ObjectCatalog<TEntity> catalog, ActivityNode node, ParameterExpression entity, TimeProvider clock)
    {
        var links = catalog.Activities
            ?? throw new ArgumentException($"The catalog of {typeof(TEntity).Name} has no activity conditions.", nameof(node));
        var activity = Expression.Parameter(typeof(Activity), "a");
        Expression test = Expression.AndAlso(
            QueryExpressions.IsNull(Expression.Property(activity, nameof(Record.DeletedAt))),
            Expression.Equal(Expression.Property(activity, nameof(Activity.Type)), QueryExpressions.Parameter(node.Type, typeof(ActivityType))));
        foreach (var condition in node.Conditions) test = Expression.AndAlso(test, Condition(links.Activities, condition, activity, clock));
        var predicate = Expression.Lambda<Func<Activity, bool>>(test, activity);
        var activities = ParameterReplacer.Inline(links.Navigation, entity);

        if (node.None) return Expression.Not(Expression.Call(AnyWithPredicate.MakeGenericMethod(typeof(Activity)), activities, predicate));
        if (node.Count.Count == 0 && node.SumField is null)
        {
            return Expression.Call(AnyWithPredicate.MakeGenericMethod(typeof(Activity)), activities, predicate);
        }
        var tests = new List<Expression>();
        if (node.Count.Count > 0)
        {
            var count = Expression.Call(CountWithPredicate.MakeGenericMethod(typeof(Activity)), activities, predicate);
            tests.AddRange(node.Count.Select(t => Measure(count, t.Operator, QueryExpressions.Parameter((int)t.Value, typeof(int)))));
        }
        if (node.SumField is not null)
        {
            var field = links.Activities.FindField(node.SumField)
                ?? throw new ArgumentException($"Activities have no field '{node.SumField}'.", nameof(node));
            // Whole numbers add up as longs (no int overflow), the rest as decimals; a missing value adds nothing.
            var type = field.Type == FieldType.Integer ? typeof(long?) : typeof(decimal?);
            var value = field.Read(activity);
            var selector = Expression.Lambda(value.Type == type ? value : Expression.Convert(value, type), activity);
            var sum = Expression.Call(
                (type == typeof(long?) ? SumOfLongs : SumOfDecimals).MakeGenericMethod(typeof(Activity)),
                Expression.Call(WhereWithPredicate.MakeGenericMethod(typeof(Activity)), activities, predicate),
                selector);
            tests.AddRange(node.Sum.Select(t => Measure(
                sum, t.Operator, QueryExpressions.Parameter(type == typeof(long?) ? (object)(long)t.Value : t.Value, type))));
        }
        return tests.Aggregate(Expression.AndAlso);
    }

    private static Expression Measure(Expression measured, FilterOperator op, Expression value) => op switch
    {
        FilterOperator.Eq => Expression.Equal(measured, value),
        FilterOperator.Neq => Expression.NotEqual(measured, value),
        _ => QueryExpressions.Compare(measured, op, value),
    };

    private static MethodInfo EnumerableMethod(string name, int parameters) =>
        typeof(Enumerable).GetMethods().Single(m => m.Name == name && m.GetParameters().Length == parameters);

    private static MethodInfo SumOf(Type type) => typeof(Enumerable).GetMethods().Single(m =>
        m.Name == nameof(Enumerable.Sum) && m.IsGenericMethodDefinition && m.GetParameters().Length == 2
        && m.GetParameters()[1].ParameterType.GetGenericArguments()[1] == type);

    private static Expression Condition<TEntity>(ObjectCatalog<TEntity> catalog, ConditionNode condition, ParameterExpression entity, TimeProvider clock)
    {
        if (!catalog.TryResolve(condition.Field, out var field, out var relation))
        {
            throw new ArgumentException($"The catalog of {typeof(TEntity).Name} has no field '{condition.Field}'.", nameof(condition));
        }
        if (relation is null) return Test(field, condition.Operator, condition.Values, field.Read(entity), clock);

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
            any = Expression.AndAlso(Expression.NotEqual(target, Expression.Constant(null, target.Type)), Test(field, op, values, field.Read(target), clock));
            return negate ? Expression.Not(any) : any;
        }
        var related = Expression.Parameter(relation.RelatedType, "r");
        var predicate = Expression.Lambda(Test(field, op, values, field.Read(related), clock), related);
        any = Expression.Call(
            AnyWithPredicate.MakeGenericMethod(relation.RelatedType),
            ParameterReplacer.Inline(relation.Navigation, entity),
            predicate);
        return negate ? Expression.Not(any) : any;
    }

    private static Expression Test(FieldDefinition field, FilterOperator op, IReadOnlyList<object> values, Expression x, TimeProvider clock)
    {
        switch (op)
        {
            case FilterOperator.WithinLast:
            {
                // Not after now as well: a date in the future is not within the last days.
                var (since, now) = RelativeTime.Bounds(clock, (RelativeDuration)values[0], x.Type);
                return Expression.AndAlso(QueryExpressions.Compare(x, FilterOperator.Gte, since), QueryExpressions.Compare(x, FilterOperator.Lte, now));
            }
            case FilterOperator.OlderThan:
                return QueryExpressions.Compare(x, FilterOperator.Lt, RelativeTime.Bounds(clock, (RelativeDuration)values[0], x.Type).Since);
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
