using System.Text.Json;

namespace CrmApi.Application.Querying;

/// <summary>
/// What a client asks of a list: a filter (as JSON, or as JSON text from a query string, not both), a sort, a page
/// size and the cursor of the previous page.
/// </summary>
public sealed record ListRequest
{
    public JsonElement? Filter { get; init; }
    public string? FilterText { get; init; }
    /// <summary>Comma list such as <c>lastName,-createdAt</c>; blank means the catalog's default.</summary>
    public string? Sort { get; init; }
    /// <summary>Page size, 1 to <see cref="Lister.MaxLimit"/>; <see cref="Lister.DefaultLimit"/> when absent.</summary>
    public int? Limit { get; init; }
    /// <summary>The <see cref="Page{T}.NextCursor"/> of the previous page; absent for the first page.</summary>
    public string? Cursor { get; init; }
}
