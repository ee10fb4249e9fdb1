namespace CrmApi.Application.Querying;

/// <summary>
/// A validated list request turned into a query: filtered, past the cursor, ordered, and limited to one row more than
/// the page size, which is how the page learns whether another follows. Run <see cref="Query"/> however suits the
/// provider, then hand the rows to <see cref="ToPage"/>.
/// </summary>
public sealed class ListQuery<T>
{
    private readonly Func<T, string> cursorOf;

    internal ListQuery(IQueryable<T> query, int limit, Func<T, string> cursorOf)
    {
        Query = query;
        Limit = limit;
        this.cursorOf = cursorOf;
    }

    public IQueryable<T> Query { get; }
    public int Limit { get; }

    public Page<T> ToPage(IReadOnlyList<T> rows)
    {
        if (rows.Count <= Limit) return new Page<T>(rows, null);
        var items = rows.Take(Limit).ToList();
        return new Page<T>(items, cursorOf(items[^1]));
    }
}
