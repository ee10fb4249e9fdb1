namespace CrmApi.Application.Tickets;

/// <summary>
/// The body of a new comment. <c>public</c> defaults to true; without <c>author</c> the comment is an agent's, the API
/// key that writes it.
/// </summary>
public sealed class TicketCommentInput
{
    public string? Body { get; init; }
    public bool? Public { get; init; }
    public CommentAuthorInput? Author { get; init; }
}

public sealed class CommentAuthorInput
{
    /// <summary><c>agent</c> or <c>contact</c>.</summary>
    public string? Type { get; init; }
    public string? Id { get; init; }
    public string? Name { get; init; }
}

/// <summary>A requester's rating of a solved ticket: <c>score</c> 1 (bad) to 5 (great), with an optional comment.</summary>
public sealed class SatisfactionInput
{
    public int? Score { get; init; }
    public string? Comment { get; init; }
}
