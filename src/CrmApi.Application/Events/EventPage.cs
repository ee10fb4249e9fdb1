namespace CrmApi.Application.Events;

/// <summary>
/// A page of the change feed. <c>NextCursor</c> is never null: it is where to continue, the same position when nothing
/// new was there.
/// </summary>
public sealed record EventPage(IReadOnlyList<EventDto> Data, string NextCursor);
