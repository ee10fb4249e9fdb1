using CrmApi.Domain.Tickets;

namespace CrmApi.Application.Tickets;

/// <summary>A comment on a ticket; <c>public: false</c> is an internal note the requester does not see.</summary>
public sealed record TicketCommentDto(Guid Id, Guid TicketId, string Body, bool Public, CommentAuthorDto Author, DateTimeOffset CreatedAt)
{
    public static TicketCommentDto From(TicketComment c)
        => new(c.Id, c.TicketId, c.Body, c.IsPublic, new CommentAuthorDto(c.AuthorType, c.AuthorId, c.AuthorName), c.CreatedAt);
}

/// <summary>
/// Who wrote a comment: <c>type</c> <c>agent</c> (<c>id</c> as the identity provider names them; by default the API
/// key that wrote it) or <c>contact</c> (<c>id</c> is a contact's id).
/// </summary>
public sealed record CommentAuthorDto(string Type, string? Id, string? Name);
