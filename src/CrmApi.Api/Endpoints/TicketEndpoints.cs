using CrmApi.Api.Http;
using CrmApi.Application.Querying;
using CrmApi.Application.Tickets;
using CrmApi.Domain.Tickets;
using CrmApi.Domain.Workspaces;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmApi.Api.Endpoints;

public static class TicketEndpoints
{
    public static readonly RecordEndpoints.Names Names = new("Ticket", "Tickets", "tickets", Scopes.TicketsRead, Scopes.TicketsWrite);

    public static void MapTicketEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/tickets").WithTags("Tickets");
        group.MapRecordRoutes<Ticket, TicketInput, TicketDetails, TicketDto, TicketHandlers>(Names);
        group.MapListRoutes<Ticket, TicketInput, TicketDetails, TicketDto, TicketHandlers>(Names);

        group.MapPost("/{id:guid}/comments", async Task<Results<Created<TicketCommentDto>, ProblemHttpResult>> (
                Guid id, HttpContext http, TicketHandlers handlers, CancellationToken ct) =>
            {
                var body = await JsonBody.ReadObjectAsync(http.Request, JsonBody.Json, ct);
                if (!body.IsSuccess) return Problems.From(body.Errors);
                var result = await handlers.AddCommentAsync(id, body.Value!, ct);
                return result.IsSuccess
                    ? TypedResults.Created($"/api/v1/tickets/{id}/comments/{result.Value!.Id}", result.Value)
                    : Problems.From(result.Errors);
            })
            .WithName("AddTicketComment")
            .WithSummary("Add a public reply or an internal note; the first public agent comment is the first response")
            .Accepts<TicketCommentInput>("application/json")
            .RequireAuthorization(Scopes.TicketsWrite)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(412).ProducesProblem(413).ProducesProblem(415);

        group.MapGet("/{id:guid}/comments", async Task<Results<Ok<PageDto<TicketCommentDto>>, ProblemHttpResult>> (
                Guid id, TicketHandlers handlers, CancellationToken ct, int? limit, string? cursor) =>
                (await handlers.CommentsAsync(id, limit, cursor, ct)).ToHttp(p => TypedResults.Ok(new PageDto<TicketCommentDto>(p.Items, p.NextCursor))))
            .WithName("ListTicketComments").WithSummary("A ticket's comments, oldest first")
            .RequireAuthorization(Scopes.TicketsRead)
            .ProducesProblem(400).ProducesProblem(404);

        group.MapPost("/{id:guid}/satisfaction", async Task<Results<Created<TicketSatisfactionDto>, ProblemHttpResult>> (
                Guid id, HttpContext http, TicketHandlers handlers, CancellationToken ct) =>
            {
                var body = await JsonBody.ReadObjectAsync(http.Request, JsonBody.Json, ct);
                if (!body.IsSuccess) return Problems.From(body.Errors);
                var result = await handlers.RateAsync(id, body.Value!, ct);
                return result.IsSuccess ? TypedResults.Created($"/api/v1/tickets/{id}", result.Value) : Problems.From(result.Errors);
            })
            .WithName("RateTicket")
            .WithSummary("Record the requester's satisfaction (score 1..5) with a solved or closed ticket; once per ticket (409 after)")
            .Accepts<SatisfactionInput>("application/json")
            .RequireAuthorization(Scopes.TicketsWrite)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(413).ProducesProblem(415);
    }
}
