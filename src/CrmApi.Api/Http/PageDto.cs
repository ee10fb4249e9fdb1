using CrmApi.Application.Querying;

namespace CrmApi.Api.Http;

/// <summary>A page of a list: the items in <c>data</c>, and the cursor of the next page (null on the last).</summary>
public sealed record PageDto<T>(IReadOnlyList<T> Data, string? NextCursor)
{
    public static PageDto<T> From(Page<T> page) => new(page.Items, page.NextCursor);
}
