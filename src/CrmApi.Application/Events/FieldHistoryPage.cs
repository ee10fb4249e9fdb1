namespace CrmApi.Application.Events;

/// <summary>A page of field changes, newest first; <c>NextCursor</c> is null on the last page.</summary>
public sealed record FieldHistoryPage(IReadOnlyList<FieldChangeDto> Data, string? NextCursor);
