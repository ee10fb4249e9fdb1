namespace CrmApi.Application.Querying;

/// <summary>What a parsed filter asks, beyond which rows it matches.</summary>
public static class FilterFacts
{
    /// <summary>
    /// Whether the filter's answer changes with time alone (it has a <c>withinLast</c> or <c>olderThan</c> condition,
    /// maybe inside an <c>activity</c> condition): a stored filter such as a dynamic segment must then be evaluated
    /// again on a schedule, not only when records change.
    /// </summary>
    public static bool IsTimeDependent(FilterNode? filter) => filter switch
    {
        null => false,
        AndNode and => and.Children.Any(IsTimeDependent),
        OrNode or => or.Children.Any(IsTimeDependent),
        NotNode not => IsTimeDependent(not.Child),
        ConditionNode condition => condition.Operator is FilterOperator.WithinLast or FilterOperator.OlderThan,
        ActivityNode activity => activity.Conditions.Any(IsTimeDependent),
        _ => throw new ArgumentException($"Unknown filter node {filter.GetType().Name}.", nameof(filter)),
    };
}
