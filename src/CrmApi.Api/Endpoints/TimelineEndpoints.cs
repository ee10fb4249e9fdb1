using CrmApi.Api.Http;
using CrmApi.Application.Companies;
using CrmApi.Application.Contacts;
using CrmApi.Application.Timeline;
using CrmApi.Domain.Workspaces;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmApi.Api.Endpoints;

/// <summary>A contact's or company's activities and events, newest first, in one keyset-paged list.</summary>
public static class TimelineEndpoints
{
    public static void MapTimelineEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/contacts/{id:guid}/timeline", async Task<Results<Ok<TimelinePage>, ProblemHttpResult>> (
                Guid id, ContactHandlers contacts, TimelineReader timeline, CancellationToken ct, int? limit, string? cursor) =>
            {
                if (await contacts.FindAsync(id, ct) is null) return Problems.From(contacts.NotFound);
                return (await timeline.ReadAsync("contact", id, limit, cursor, ct)).ToHttp(TypedResults.Ok);
            })
            .WithTags("Contacts").WithName("GetContactTimeline")
            .WithSummary("A contact's activities and events, newest first")
            .RequireAuthorization(Scopes.ContactsRead).RequireAuthorization(Scopes.ActivitiesRead)
            .ProducesProblem(400).ProducesProblem(404);

        api.MapGet("/companies/{id:guid}/timeline", async Task<Results<Ok<TimelinePage>, ProblemHttpResult>> (
                Guid id, CompanyHandlers companies, TimelineReader timeline, CancellationToken ct, int? limit, string? cursor) =>
            {
                if (await companies.FindAsync(id, ct) is null) return Problems.From(companies.NotFound);
                return (await timeline.ReadAsync("company", id, limit, cursor, ct)).ToHttp(TypedResults.Ok);
            })
            .WithTags("Companies").WithName("GetCompanyTimeline")
            .WithSummary("A company's activities and events, newest first")
            .RequireAuthorization(Scopes.CompaniesRead).RequireAuthorization(Scopes.ActivitiesRead)
            .ProducesProblem(400).ProducesProblem(404);
    }
}
