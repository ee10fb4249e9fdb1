namespace CrmApi.Application.Events;

/// <summary>
/// A read of the change feed: after a cursor (absent: from the oldest retained event), at most <c>Limit</c> events, of
/// the given types (<c>contact.*,company.created</c>), about one record, waiting up to <c>Wait</c> seconds for news.
/// </summary>
public sealed record EventFeedRequest(string? After, int? Limit, string? Types, Guid? ObjectId, int? Wait);
