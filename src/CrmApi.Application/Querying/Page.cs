namespace CrmApi.Application.Querying;

/// <summary>One page of a list. <paramref name="NextCursor"/> is null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor)
{
    /// <summary>The same page with each item mapped, e.g. to a response model; the cursor stays valid.</summary>
    public Page<TOut> Map<TOut>(Func<T, TOut> map) => new([.. Items.Select(map)], NextCursor);
}
