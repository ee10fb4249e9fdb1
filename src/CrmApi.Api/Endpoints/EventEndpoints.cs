using CrmApi.Api.Http;
using CrmApi.Application.Events;
using CrmApi.Domain.Workspaces;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmApi.Api.Endpoints;

public static class EventEndpoints
{
    public static void MapEventEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/events", async Task<Results<Ok<EventPage>, ProblemHttpResult>> (
                EventFeed feed, CancellationToken ct, string? after, int? limit, string? types, Guid? objectId, int? wait) =>
                (await feed.ReadAsync(new EventFeedRequest(after, limit, types, objectId, wait), ct)).ToHttp(TypedResults.Ok))
            .WithTags("Events").WithName("ListEvents")
            .WithSummary("Read the change feed in position order; wait=<seconds> (max 30) long-polls for new events")
            .RequireAuthorization(Scopes.EventsRead)
            .ProducesProblem(400).ProducesProblem(410);
    }
}
