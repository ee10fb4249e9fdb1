using System.Linq.Expressions;
using System.Reflection;

namespace CrmApi.Application.Querying;

/// <summary>
/// Ordering and the seek predicate of keyset paging. Both put missing values last in either direction, spelled out
/// as an extra <c>x == null</c> key because SQLite and PostgreSQL disagree on where NULL sorts by default.
/// </summary>
internal static class Keyset
{
    private static readonly Dictionary<string, MethodInfo> OrderMethods = typeof(Queryable).GetMethods()
        .Where(m => m.Name is nameof(Queryable.OrderBy) or nameof(Queryable.OrderByDescending)
            or nameof(Queryable.ThenBy) or nameof(Queryable.ThenByDescending) && m.GetParameters().Length == 2)
        .ToDictionary(m => m.Name);

    public static IQueryable<T> OrderBy<T>(IQueryable<T> query, IReadOnlyList<SortKey> keys)
    {
        var first = true;
        foreach (var key in keys)
        {
            var entity = Expression.Parameter(typeof(T), "e");
            var x = key.Field.Read(entity);
            if (key.Field.Nullable)
            {
                // false sorts before true, so present values come first and missing ones last, in both directions.
                query = Apply(query, Expression.Lambda(QueryExpressions.IsNull(x), entity), descending: false, first);
                first = false;
            }
            query = Apply(query, Expression.Lambda(x, entity), key.Descending, first);
            first = false;
        }
        return query;
    }

    /// <summary>
    /// Rows strictly after the row whose key values are <paramref name="last"/>: the OR over i of
    /// (k1 = v1 AND ... AND k(i-1) = v(i-1) AND k(i) after v(i)).
    /// </summary>
    public static Expression<Func<T, bool>> After<T>(IReadOnlyList<SortKey> keys, IReadOnlyList<object?> last)
    {
        var entity = Expression.Parameter(typeof(T), "e");
        Expression? any = null;
        Expression? equalSoFar = null;
        for (var i = 0; i < keys.Count; i++)
        {
            var x = keys[i].Field.Read(entity);
            var value = last[i];
            if (value is not null)
            {
                var after = QueryExpressions.Compare(
                    x, keys[i].Descending ? FilterOperator.Lt : FilterOperator.Gt, QueryExpressions.Parameter(value, x.Type));
                // A missing value sorts after every present one.
                if (keys[i].Field.Nullable) after = Expression.OrElse(after, QueryExpressions.IsNull(x));
                var term = equalSoFar is null ? after : Expression.AndAlso(equalSoFar, after);
                any = any is null ? term : Expression.OrElse(any, term);
            }
            // Nothing sorts after a missing value except rows that tie on it, which the next key decides.
            var equal = value is null ? QueryExpressions.IsNull(x) : Expression.Equal(x, QueryExpressions.Parameter(value, x.Type));
            equalSoFar = equalSoFar is null ? equal : Expression.AndAlso(equalSoFar, equal);
        }
        return Expression.Lambda<Func<T, bool>>(any ?? QueryExpressions.False, entity);
    }

    private static IQueryable<T> Apply<T>(IQueryable<T> query, LambdaExpression key, bool descending, bool first)
    {
        var name = (first, descending) switch
        {
            (true, false) => nameof(Queryable.OrderBy),
            (true, true) => nameof(Queryable.OrderByDescending),
            (false, false) => nameof(Queryable.ThenBy),
            (false, true) => nameof(Queryable.ThenByDescending),
        };
        var method = OrderMethods[name].MakeGenericMethod(typeof(T), key.ReturnType);
        return query.Provider.CreateQuery<T>(Expression.Call(null, method, query.Expression, Expression.Quote(key)));
    }
}
