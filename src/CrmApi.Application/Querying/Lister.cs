using CrmApi.Application.Common;

namespace CrmApi.Application.Querying;

/// <summary>
/// Lists an object type with the shared filter language, sorting and keyset paging (no OFFSET: a page costs the same
/// however deep it is, and rows inserted meanwhile do not shift later pages).
/// </summary>
public static class Lister
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>
    /// Validates the request and builds its query, reporting every invalid parameter at once. <paramref name="clock"/> is
    /// "now" for relative times (<c>withinLast</c>), read when the query runs.
    /// </summary>
    public static Result<ListQuery<T>> Build<T>(IQueryable<T> source, ObjectCatalog<T> catalog, ListRequest request, TimeProvider clock)
    {
        var errors = new List<Error>();
        var limit = request.Limit ?? DefaultLimit;
        if (PageLimit.Check(limit, MaxLimit) is { } badLimit) errors.Add(badLimit);

        Result<FilterNode?> filter;
        if (request.Filter is not null && request.FilterText is not null)
        {
            filter = Result<FilterNode?>.Fail(Error.Validation("filter", "Give the filter either as JSON or as text, not both."));
        }
        else
        {
            filter = request.Filter is { } element
                ? FilterParser.Parse(catalog, element)
                : FilterParser.ParseText(catalog, request.FilterText);
        }
        errors.AddRange(filter.Errors);

        var sort = SortParser.Parse(catalog, request.Sort);
        errors.AddRange(sort.Errors);
        if (errors.Count > 0) return Result<ListQuery<T>>.Fail(errors);

        var keys = sort.Value!;
        var binding = KeysetCursor.Binding(typeof(T), filter.Value, keys);
        var query = filter.Value is null ? source : source.Where(FilterCompiler.Compile(catalog, filter.Value, clock));
        if (!string.IsNullOrEmpty(request.Cursor))
        {
            var last = KeysetCursor.Decode(request.Cursor, binding, keys);
            if (!last.IsSuccess) return Result<ListQuery<T>>.Fail(last.Errors);
            query = query.Where(Keyset.After<T>(keys, last.Value!));
        }
        query = Keyset.OrderBy(query, keys).Take(limit + 1);
        return Result<ListQuery<T>>.Ok(new ListQuery<T>(query, limit, row => KeysetCursor.Encode(binding, keys, row!)));
    }

    /// <summary>
    /// Fetches one page. An EF Core query is read asynchronously (its queryables are <see cref="IAsyncEnumerable{T}"/>);
    /// any other, such as LINQ to objects in tests, synchronously.
    /// </summary>
    public static async Task<Result<Page<T>>> PageAsync<T>(
        IQueryable<T> source, ObjectCatalog<T> catalog, ListRequest request, TimeProvider clock, CancellationToken ct = default)
    {
        var built = Build(source, catalog, request, clock);
        if (!built.IsSuccess) return Result<Page<T>>.Fail(built.Errors);
        var list = built.Value!;
        List<T> rows;
        if (list.Query is IAsyncEnumerable<T> rowsAsync)
        {
            rows = [];
            await foreach (var row in rowsAsync.WithCancellation(ct)) rows.Add(row);
        }
        else
        {
            rows = [.. list.Query];
        }
        return Result<Page<T>>.Ok(list.ToPage(rows));
    }

    /// <summary>Fetches one page synchronously, for in-memory sources.</summary>
    public static Result<Page<T>> ToPage<T>(IQueryable<T> source, ObjectCatalog<T> catalog, ListRequest request, TimeProvider clock) =>
        Build(source, catalog, request, clock).Map(list => list.ToPage([.. list.Query]));
}
