using CrmApi.Domain.Common;

namespace CrmApi.Domain.Tickets;

/// <summary>
/// A reply or note on a ticket. Public comments are seen by the requester; private ones are internal notes. The first
/// public comment by an agent is the ticket's first response.
/// </summary>
public sealed class TicketComment : IWorkspaceOwned
{
    private TicketComment()
    {
        Body = AuthorType = "";
    }

    public TicketComment(Guid id, Guid workspaceId, Guid ticketId, string body, bool isPublic, CommentAuthorType authorType,
        string? authorId, string? authorName, DateTimeOffset createdAt)
    {
        Id = id;
        WorkspaceId = workspaceId;
        TicketId = ticketId;
        Body = body;
        IsPublic = isPublic;
        AuthorType = authorType == CommentAuthorType.Agent ? "agent" : "contact";
        AuthorId = authorId;
        AuthorName = authorName;
        CreatedAt = Record.Truncate(createdAt);
    }

    public Guid Id { get; private set; }
    public Guid WorkspaceId { get; private set; }
    public Guid TicketId { get; private set; }
    public string Body { get; private set; }
    public bool IsPublic { get; private set; }
    /// <summary><c>agent</c> (someone on the service team, named by <see cref="AuthorId"/>) or <c>contact</c> (a contact's id).</summary>
    public string AuthorType { get; private set; }
    public string? AuthorId { get; private set; }
    public string? AuthorName { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public bool IsAgentReply => IsPublic && AuthorType == "agent";
}

/// <summary>Who wrote a comment: an agent of the service team, or a contact (usually the requester).</summary>
public enum CommentAuthorType
{
    Agent,
    Contact,
}
