namespace CrmApi.Application.Querying;

/// <summary>
/// Holds one filter or cursor value. Reading it through a property of a constant, rather than inlining the value,
/// makes EF Core send it as a SQL parameter: one cached plan per query shape, and no literal in the SQL text.
/// </summary>
internal sealed class QueryParameter<T>(T value)
{
    public T Value { get; } = value;
}
