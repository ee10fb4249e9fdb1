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

    /// <summary>
    /// The fields the filter's conditions name (<c>lastName</c>, <c>custom.tier</c>, <c>company.industry</c>), or null
    /// when it has an <c>activity</c> condition, whose answer follows from other records.
    /// </summary>
    public static IReadOnlySet<string>? Fields(FilterNode? filter)
    {
        var fields = new HashSet<string>();
        return Collect(filter, fields) ? fields : null;
    }

    private static bool Collect(FilterNode? filter, HashSet<string> fields) => filter switch
    {
        null => true,
        AndNode and => and.Children.All(c => Collect(c, fields)),
        OrNode or => or.Children.All(c => Collect(c, fields)),
        NotNode not => Collect(not.Child, fields),
        ConditionNode condition => fields.Add(condition.Field) || true,
        ActivityNode => false,
        _ => throw new ArgumentException($"Unknown filter node {filter.GetType().Name}.", nameof(filter)),
    };
}
