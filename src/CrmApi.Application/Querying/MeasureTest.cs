namespace CrmApi.Application.Querying;

/// <summary>
/// One comparison of a number an <c>activity</c> condition measures (how many activities, or the sum of a field of
/// theirs) with a literal: <c>{"gte": 2}</c>.
/// </summary>
public sealed record MeasureTest(FilterOperator Operator, decimal Value);
