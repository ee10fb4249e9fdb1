using CrmApi.Api.Http;
using CrmApi.Application.Common;
using CrmApi.Application.Companies;
using CrmApi.Application.Contacts;
using CrmApi.Application.Deals;
using CrmApi.Application.Tickets;
using CrmApi.Application.Timeline;
using CrmApi.Domain.Workspaces;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmApi.Api.Endpoints;

/// <summary>A contact's, company's, deal's or ticket's activities and events, newest first, in one keyset-paged list.</summary>
public static class TimelineEndpoints
{
    public static void MapTimelineEndpoints(this IEndpointRouteBuilder api)
    {
        Map<ContactHandlers>(api, "contact", ContactEndpoints.Names, async (h, id, ct) => await h.ExistsAsync(id, ct) ? null : h.NotFound);
        Map<CompanyHandlers>(api, "company", CompanyEndpoints.Names, async (h, id, ct) => await h.ExistsAsync(id, ct) ? null : h.NotFound);
        Map<DealHandlers>(api, "deal", DealEndpoints.Names, async (h, id, ct) => await h.ExistsAsync(id, ct) ? null : h.NotFound);
        Map<TicketHandlers>(api, "ticket", TicketEndpoints.Names, async (h, id, ct) => await h.ExistsAsync(id, ct) ? null : h.NotFound);
    }

    private static void Map<THandlers>(IEndpointRouteBuilder api, string objectType, RecordEndpoints.Names n,
        Func<THandlers, Guid, CancellationToken, Task<Error?>> missing) where THandlers : notnull
        => api.MapGet($"/{n.Path}/{{id:guid}}/timeline", async Task<Results<Ok<TimelinePage>, ProblemHttpResult>> (
                Guid id, THandlers records, TimelineReader timeline, CancellationToken ct, int? limit, string? cursor) =>
                await missing(records, id, ct) is { } notFound
                    ? Problems.From(notFound)
                    : (await timeline.ReadAsync(objectType, id, limit, cursor, ct)).ToHttp(TypedResults.Ok))
            .WithTags(n.Plural).WithName($"Get{n.Singular}Timeline")
            .WithSummary($"A {objectType}'s activities and events, newest first")
            .RequireAuthorization(n.ReadScope).RequireAuthorization(Scopes.ActivitiesRead)
            .ProducesProblem(400).ProducesProblem(404);
}
