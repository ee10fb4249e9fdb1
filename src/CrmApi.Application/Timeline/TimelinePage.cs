namespace CrmApi.Application.Timeline;

/// <summary>A page of a timeline, newest first; <c>NextCursor</c> is null on the last page.</summary>
public sealed record TimelinePage(IReadOnlyList<TimelineItemDto> Data, string? NextCursor);
