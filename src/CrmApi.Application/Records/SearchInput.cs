using System.Text.Json;
using CrmApi.Application.Querying;

namespace CrmApi.Application.Records;

/// <summary>The body of a search: the list parameters, with the filter as JSON and the sort as a list.</summary>
public sealed class SearchInput
{
    public JsonElement? Filter { get; init; }
    public List<string>? Sort { get; init; }
    public int? Limit { get; init; }
    public string? Cursor { get; init; }

    public ListRequest ToListRequest() => new()
    {
        Filter = Filter is { ValueKind: not JsonValueKind.Null } f ? f : null,
        Sort = Sort is null ? null : string.Join(',', Sort),
        Limit = Limit,
        Cursor = Cursor,
    };
}
