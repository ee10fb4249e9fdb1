using System.Linq.Expressions;

namespace CrmApi.Application.Querying;

/// <summary>
/// The bounds of a <c>withinLast</c> or <c>olderThan</c> condition, read from the clock each time they are read. A
/// compiled filter reads them as members of a constant, as it reads its other literals (<see cref="QueryParameter{T}"/>):
/// EF Core turns them into SQL parameters when a query runs, and a delegate compiled once (and cached) reads them when
/// called, so "now" is never the instant the filter happened to be compiled at.
/// </summary>
internal sealed class RelativeTime(TimeProvider clock, RelativeDuration duration)
{
    public DateTimeOffset Now => clock.GetUtcNow();
    public DateTimeOffset Since => duration.Before(clock.GetUtcNow());
    /// <summary>Today's date in UTC, the zone every stored instant is in.</summary>
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
    /// <summary>The date of <see cref="Since"/>: on a date field, the whole of that day counts as within.</summary>
    public DateOnly SinceDate => DateOnly.FromDateTime(Since.UtcDateTime);

    /// <summary>
    /// Reads of the lower bound (now minus the duration) and of now, typed as <paramref name="type"/>: a date-time, or a
    /// date (<see cref="DateOnly"/>), nullable or not.
    /// </summary>
    public static (Expression Since, Expression Now) Bounds(TimeProvider clock, RelativeDuration duration, Type type)
    {
        var holder = Expression.Constant(new RelativeTime(clock, duration));
        var date = (Nullable.GetUnderlyingType(type) ?? type) == typeof(DateOnly);
        return (
            As(Expression.Property(holder, date ? nameof(SinceDate) : nameof(Since)), type),
            As(Expression.Property(holder, date ? nameof(Today) : nameof(Now)), type));

        static Expression As(Expression read, Type type) => read.Type == type ? read : Expression.Convert(read, type);
    }
}
