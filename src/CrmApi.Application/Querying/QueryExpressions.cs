using System.Linq.Expressions;
using System.Reflection;

namespace CrmApi.Application.Querying;

/// <summary>
/// The expression pieces the filter compiler and keyset paging share. Everything here is plain LINQ that EF Core
/// translates on SQLite and PostgreSQL alike, and that gives the same answers under LINQ to objects.
/// </summary>
internal static class QueryExpressions
{
    public static readonly Expression True = Expression.Constant(true);
    public static readonly Expression False = Expression.Constant(false);

    private static readonly MethodInfo ParameterOfMethod =
        typeof(QueryExpressions).GetMethod(nameof(ParameterOf), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo StringCompare =
        typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;
    private static readonly MethodInfo ToLower = typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!;
    private static readonly MethodInfo EnumerableContains = typeof(Enumerable).GetMethods()
        .Single(m => m.Name == nameof(Enumerable.Contains) && m.GetParameters().Length == 2);

    /// <summary>A literal of type <paramref name="type"/>, read from a holder so that EF Core parameterises it.</summary>
    public static Expression Parameter(object? value, Type type) =>
        (Expression)ParameterOfMethod.MakeGenericMethod(type).Invoke(null, [value])!;

    /// <summary>An array literal of <paramref name="elementType"/>, parameterised like <see cref="Parameter"/>.</summary>
    public static Expression ArrayParameter(IReadOnlyList<object> values, Type elementType)
    {
        var array = Array.CreateInstance(elementType, values.Count);
        for (var i = 0; i < values.Count; i++) array.SetValue(values[i], i);
        return Parameter(array, array.GetType());
    }

    /// <summary>
    /// Tests for a missing value. A non-nullable value type is never missing; saying so as a constant keeps the tree
    /// valid where a comparison with null would not be.
    /// </summary>
    public static Expression IsNull(Expression x) => CanBeNull(x.Type) ? Expression.Equal(x, Expression.Constant(null, x.Type)) : False;

    public static Expression IsNotNull(Expression x) => CanBeNull(x.Type) ? Expression.NotEqual(x, Expression.Constant(null, x.Type)) : True;

    public static bool CanBeNull(Type type) => !type.IsValueType || Nullable.GetUnderlyingType(type) is not null;

    /// <summary>
    /// An order comparison. Strings go through <c>string.Compare(x, v) op 0</c>, the form EF Core turns into a plain SQL
    /// comparison; the null guard makes LINQ to objects agree with SQL, where comparing a null yields no match
    /// (string.Compare would rank null first). Nullable value types use lifted operators, false on null as in SQL.
    /// </summary>
    public static Expression Compare(Expression x, FilterOperator op, Expression value)
    {
        if (x.Type == typeof(string))
        {
            var compared = Expression.Call(StringCompare, x, value);
            return Expression.AndAlso(IsNotNull(x), Order(compared, op, Expression.Constant(0)));
        }
        if ((Nullable.GetUnderlyingType(x.Type) ?? x.Type).IsEnum)
        {
            // Enums order by their number (a priority runs low → urgent); only enums stored as numbers may be sortable.
            var number = Nullable.GetUnderlyingType(x.Type) is null ? typeof(int) : typeof(int?);
            return Order(Expression.Convert(x, number), op, Expression.Convert(value, number));
        }
        return Order(x, op, value);
    }

    /// <summary>A case-insensitive match: <c>x != null &amp;&amp; x.ToLower().Method(v)</c>, v lower-cased here, not in SQL.</summary>
    public static Expression TextMatch(Expression x, string method, string value)
    {
        var match = Expression.Call(
            Expression.Call(x, ToLower),
            typeof(string).GetMethod(method, [typeof(string)])!,
            Parameter(value.ToLowerInvariant(), typeof(string)));
        return Expression.AndAlso(IsNotNull(x), match);
    }

    /// <summary><c>Enumerable.Contains(source, item)</c>, which EF Core turns into IN or a primitive-collection lookup.</summary>
    public static Expression Contains(Expression source, Expression item) =>
        Expression.Call(EnumerableContains.MakeGenericMethod(item.Type), source, item);

    private static Expression Order(Expression left, FilterOperator op, Expression right) => op switch
    {
        FilterOperator.Lt => Expression.LessThan(left, right),
        FilterOperator.Lte => Expression.LessThanOrEqual(left, right),
        FilterOperator.Gt => Expression.GreaterThan(left, right),
        FilterOperator.Gte => Expression.GreaterThanOrEqual(left, right),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Not an order comparison."),
    };

    private static MemberExpression ParameterOf<T>(object? value) =>
        Expression.Property(Expression.Constant(new QueryParameter<T>((T)value!)), nameof(QueryParameter<T>.Value));
}
