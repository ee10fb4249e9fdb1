using System.Text.Json.Nodes;
using CrmApi.Application.Common;
using CrmApi.Application.Common.Validation;
using CrmApi.Application.Records;
using CrmApi.Application.SlaPolicies;
using CrmApi.Domain.Events;
using CrmApi.Domain.Tickets;
using Microsoft.EntityFrameworkCore;

namespace CrmApi.Application.Tickets;

/// <summary>
/// Ticket use cases: the shared record ones (create, read, merge patch with stage moves, delete, restore, lists,
/// history), comments and the requester's satisfaction rating.
/// </summary>
public sealed class TicketHandlers : RecordHandlers<Ticket, TicketInput, TicketDetails, TicketDto>
{
    private readonly TicketDefinition _definition;

    public TicketHandlers(RecordServices services, SlaPolicyBook policies, TicketCatalog catalog)
        : this(services, new TicketDefinition(policies, catalog)) { }

    private TicketHandlers(RecordServices services, TicketDefinition definition) : base(definition, services) => _definition = definition;

    public const int CommentMax = 65_536;
    public const int CommentsDefaultLimit = 50;
    public const int CommentsMaxLimit = 200;
    public const int SatisfactionCommentMax = 2000;

    /// <summary>
    /// Adds a comment. The first public comment by an agent is the ticket's first response; a contact author must be a
    /// live contact of the workspace.
    /// </summary>
    public async Task<Result<TicketCommentDto>> AddCommentAsync(Guid id, JsonObject body, CancellationToken ct)
    {
        var input = JsonInput.Read<TicketCommentInput>(body);
        if (!input.IsSuccess) return Result<TicketCommentDto>.Fail(input.Errors);
        var ticket = await FindAsync(id, ct);
        if (ticket is null) return NotFound;

        var errors = new List<Error>();
        var text = Rules.RequiredText(errors, "body", input.Value!.Body, CommentMax);
        var author = input.Value.Author;
        var type = author?.Type switch
        {
            null or "agent" => CommentAuthorType.Agent,
            "contact" => CommentAuthorType.Contact,
            _ => (CommentAuthorType?)null,
        };
        if (type is null) errors.Add(Error.Validation("author.type", "'author.type' is 'agent' or 'contact'."));
        var authorId = Rules.Text(errors, "author.id", author?.Id, Rules.ShortTextMax);
        var authorName = Rules.Text(errors, "author.name", author?.Name, Rules.NameMax);
        if (type == CommentAuthorType.Contact)
        {
            if (!Guid.TryParse(authorId, out var contactId))
                errors.Add(Error.Validation("author.id", "A contact author's 'id' is the contact's id."));
            else if (!await Services.Db.Contacts.AnyAsync(c => c.Id == contactId, ct))
                errors.Add(Error.Validation("author.id", $"No contact {contactId} exists."));
        }
        if (errors.Count > 0) return Result<TicketCommentDto>.Fail(errors);
        if (type == CommentAuthorType.Agent && authorId is null) authorId = Services.Workspace.ActorId;

        var now = Services.Clock.GetUtcNow();
        var comment = new TicketComment(Guid.CreateVersion7(now), ticket.WorkspaceId, ticket.Id, text, input.Value.Public ?? true,
            type!.Value, authorId, authorName, now);
        Services.Db.TicketComments.Add(comment);
        ticket.Commented(comment, now);
        var dto = TicketCommentDto.From(comment);
        var after = await ToDtoAsync(ticket, ct);
        TicketEvents.Record(Services, EventTypes.TicketCommentAdded, ticket, new TicketCommentAddedDto(ticket.Id, dto, after));
        await TicketSla.SyncAsync(Services, ticket, _definition.PolicyOf(ticket), after, report: false, ct);
        return await Writes.SaveAsync(Services.Db, ct) is { } error ? error : dto;
    }

    /// <summary>A live ticket's comments, oldest first; <paramref name="after"/> is the last comment id of the previous page.</summary>
    public async Task<Result<Querying.Page<TicketCommentDto>>> CommentsAsync(Guid id, int? limit, string? after, CancellationToken ct)
    {
        var take = limit ?? CommentsDefaultLimit;
        if (Querying.PageLimit.Check(take, CommentsMaxLimit) is { } badLimit) return badLimit;
        if (!await ExistsAsync(id, ct)) return NotFound;
        var comments = Services.Db.TicketComments.AsNoTracking().Where(c => c.TicketId == id);
        if (after is { Length: > 0 })
        {
            var last = Guid.TryParse(after, out var lastId)
                ? await comments.Where(c => c.Id == lastId).Select(c => (DateTimeOffset?)c.CreatedAt).FirstOrDefaultAsync(ct)
                : null;
            if (last is not { } at) return Error.Validation("cursor", "The cursor is not one this list handed out.");
            comments = comments.Where(c => c.CreatedAt > at || (c.CreatedAt == at && c.Id.CompareTo(lastId) > 0));
        }
        var rows = await comments.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).Take(take + 1).ToListAsync(ct);
        var page = rows.Take(take).Select(TicketCommentDto.From).ToList();
        return new Querying.Page<TicketCommentDto>(page, rows.Count > take ? page[^1].Id.ToString() : null);
    }

    /// <summary>Records the requester's rating of a solved or closed ticket; a ticket takes one (a second is a conflict).</summary>
    public async Task<Result<TicketSatisfactionDto>> RateAsync(Guid id, JsonObject body, CancellationToken ct)
    {
        var input = JsonInput.Read<SatisfactionInput>(body);
        if (!input.IsSuccess) return Result<TicketSatisfactionDto>.Fail(input.Errors);
        var errors = new List<Error>();
        if (input.Value!.Score is not { } score || score is < 1 or > 5)
            errors.Add(Error.Validation("score", "'score' is a whole number from 1 to 5."));
        var comment = Rules.Text(errors, "comment", input.Value.Comment, SatisfactionCommentMax);
        if (errors.Count > 0) return Result<TicketSatisfactionDto>.Fail(errors);
        var ticket = await FindAsync(id, ct);
        if (ticket is null) return NotFound;
        if (ticket.SatisfactionRefusal is { } refusal) return Error.Conflict(refusal);

        ticket.Rate(input.Value.Score!.Value, comment, Services.Clock.GetUtcNow());
        var satisfaction = new TicketSatisfactionDto(ticket.SatisfactionScore!.Value, ticket.SatisfactionComment, ticket.SatisfactionAt!.Value);
        TicketEvents.Record(Services, EventTypes.TicketSatisfactionReceived, ticket,
            new TicketSatisfactionReceivedDto(ticket.Id, satisfaction.Score, satisfaction.Comment, satisfaction.ReceivedAt, await ToDtoAsync(ticket, ct)));
        return await Writes.SaveAsync(Services.Db, ct) is { } error ? error : satisfaction;
    }

    /// <summary>
    /// Records the SLA breaches of a live ticket that are due and not yet reported, and refreshes its due instants; for
    /// the breach worker. Another instance reporting the same breach first is no error: the breach was reported once.
    /// </summary>
    /// <returns>How many breaches this call recorded.</returns>
    public async Task<int> RecordBreachesAsync(Guid id, CancellationToken ct)
    {
        var ticket = await FindAsync(id, ct);
        if (ticket is null) return 0;
        var dto = await ToDtoAsync(ticket, ct);
        var recorded = await TicketSla.SyncAsync(Services, ticket, _definition.PolicyOf(ticket), dto, report: true, ct);
        return await Writes.SaveAsync(Services.Db, ct) is null ? recorded : 0;
    }

    /// <summary>The tickets in a stage, deleted ones included, loaded to be changed.</summary>
    public Task<List<Ticket>> InStageAsync(Guid pipelineId, string stage, CancellationToken ct)
        => _definition.Query(Services.Db, includeDeleted: true).Where(t => t.PipelineId == pipelineId && t.Stage == stage).ToListAsync(ct);
}
