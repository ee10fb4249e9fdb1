using System.Linq.Expressions;
using CrmApi.Domain.Activities;

namespace CrmApi.Application.Querying;

/// <summary>
/// How a record reaches the activities linked to it, which makes <c>activity</c> conditions (behaviour over the
/// record's history) available in its filters, and which activity fields those conditions may test.
/// </summary>
public sealed class ActivityLinks
{
    internal ActivityLinks(LambdaExpression navigation, ObjectCatalog<Activity> activities)
    {
        Navigation = navigation;
        Activities = activities;
    }

    /// <summary>An <c>Expression&lt;Func&lt;TEntity, IEnumerable&lt;Activity&gt;&gt;&gt;</c> over the record's activity links.</summary>
    public LambdaExpression Navigation { get; }

    /// <summary>The activity fields a condition can test (<c>occurredAt</c>, <c>currency</c>...) and sum (<c>amount</c>).</summary>
    public ObjectCatalog<Activity> Activities { get; }
}
