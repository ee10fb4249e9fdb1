using System.Linq.Expressions;

namespace CrmApi.Application.Querying;

/// <summary>
/// Inlines an accessor lambda's body against another expression, so every predicate has the single parameter EF Core
/// expects (an invoked lambda would not translate).
/// </summary>
internal sealed class ParameterReplacer(ParameterExpression from, Expression to) : ExpressionVisitor
{
    public static Expression Inline(LambdaExpression lambda, Expression argument) =>
        new ParameterReplacer(lambda.Parameters[0], argument).Visit(lambda.Body);

    protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
}
