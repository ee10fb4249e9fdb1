using CrmApi.Api.Http;
using CrmApi.Application.Querying;
using CrmApi.Application.Records;
using CrmApi.Domain.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmApi.Api.Endpoints;

/// <summary>
/// Lists for every record type: <c>GET</c> with the filter as JSON in the query string, and <c>POST /search</c> with it
/// in the body. Both parse into the one filter tree.
/// </summary>
public static class ListEndpoints
{
    public static RouteGroupBuilder MapListRoutes<TEntity, TInput, TDetails, TDto, THandlers>(this RouteGroupBuilder group, RecordEndpoints.Names n)
        where TEntity : Record
        where TInput : class
        where TDto : class, IRecordDto
        where THandlers : RecordHandlers<TEntity, TInput, TDetails, TDto>
    {
        group.MapGet("/", async Task<Results<Ok<PageDto<TDto>>, ProblemHttpResult>> (
                THandlers handlers, CancellationToken ct, string? filter, string? sort, int? limit, string? cursor) =>
                (await handlers.ListAsync(Request(filter, sort, limit, cursor), ct)).ToHttp(p => TypedResults.Ok(PageDto<TDto>.From(p))))
            .WithName($"List{n.Plural}")
            .WithSummary($"List {n.Plural.ToLowerInvariant()} with a filter (JSON), sort (e.g. lastName,-createdAt) and cursor")
            .RequireAuthorization(n.ReadScope)
            .ProducesProblem(400);

        group.MapPost("/search", async Task<Results<Ok<PageDto<TDto>>, ProblemHttpResult>> (
                HttpContext http, THandlers handlers, CancellationToken ct) =>
            {
                var body = await JsonBody.ReadObjectAsync(http.Request, JsonBody.Json, ct);
                if (!body.IsSuccess) return Problems.From(body.Errors);
                return (await handlers.SearchAsync(body.Value!, ct)).ToHttp(p => TypedResults.Ok(PageDto<TDto>.From(p)));
            })
            .WithName($"Search{n.Plural}")
            .WithSummary($"Search {n.Plural.ToLowerInvariant()} with the filter, sort and cursor in the body")
            .Accepts<SearchInput>("application/json")
            .RequireAuthorization(n.ReadScope)
            .ProducesProblem(400).ProducesProblem(413).ProducesProblem(415);
        return group;
    }

    public static ListRequest Request(string? filter, string? sort, int? limit, string? cursor)
        => new() { FilterText = filter, Sort = sort, Limit = limit, Cursor = cursor };
}
