using System.Linq.Expressions;
using CrmApi.Application.Common;
using CrmApi.Domain.Events;

namespace CrmApi.Application.Events;

/// <summary>
/// Event type patterns as subscribers write them: an exact type (<c>company.created</c>), every type of an object
/// (<c>contact.*</c>), or <c>*</c>. Shared by the change feed and, later, webhook subscriptions.
/// </summary>
public static class EventTypePattern
{
    public static bool IsValid(string pattern)
        => pattern == "*" || EventTypes.All.Contains(pattern)
            || (pattern.EndsWith(".*", StringComparison.Ordinal) && EventTypes.All.Any(t => t.StartsWith(pattern[..^1], StringComparison.Ordinal)));

    public static bool Matches(string pattern, string type)
        => pattern == "*" || pattern == type || (pattern.EndsWith(".*", StringComparison.Ordinal) && type.StartsWith(pattern[..^1], StringComparison.Ordinal));

    /// <summary>A predicate for a comma list of patterns; null when it lets every type through.</summary>
    public static Expression<Func<Event, bool>>? Parse(string? list, List<Error> errors)
    {
        if (string.IsNullOrWhiteSpace(list)) return null;
        var patterns = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var p in patterns.Where(p => !IsValid(p)))
            errors.Add(Error.Validation("types", $"Unknown event type pattern '{p}'. Use a type such as 'contact.created', 'contact.*' or '*'."));
        if (errors.Count > 0 || patterns.Contains("*")) return null;

        var e = Expression.Parameter(typeof(Event), "e");
        var type = Expression.Property(e, nameof(Event.Type));
        var exact = patterns.Where(p => !p.EndsWith(".*", StringComparison.Ordinal)).ToList();
        Expression? body = exact.Count == 0 ? null
            : Expression.Call(Expression.Constant(exact), typeof(List<string>).GetMethod(nameof(List<string>.Contains))!, type);
        foreach (var prefix in patterns.Where(p => p.EndsWith(".*", StringComparison.Ordinal)).Select(p => p[..^1]))
        {
            var startsWith = Expression.Call(type, typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!, Expression.Constant(prefix));
            body = body is null ? startsWith : Expression.OrElse(body, startsWith);
        }
        return Expression.Lambda<Func<Event, bool>>(body!, e);
    }
}
