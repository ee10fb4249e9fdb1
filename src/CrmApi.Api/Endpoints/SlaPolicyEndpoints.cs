using CrmApi.Api.Http;
using CrmApi.Application.SlaPolicies;
using CrmApi.Domain.Workspaces;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmApi.Api.Endpoints;

/// <summary>
/// SLA policies. Reading them takes <c>tickets:read</c> (ticket screens explain a ticket's SLA by its policy); changing
/// them takes <c>sla:manage</c>, which, like every write scope, does not imply reading. Writes to a policy are guarded
/// by its version (If-Match).
/// </summary>
public static class SlaPolicyEndpoints
{
    public const string Description =
        "Which policy a ticket gets: the first live policy by position (0 first) whose conditions the ticket meets. It is "
        + "chosen when the ticket is created and again when its priority changes; a ticket no policy matches has no SLA. "
        + "conditions is a filter over ticket fields (priority, channel, tags, custom.*, requester.*, company.*, including the "
        + "requester's and company's custom fields) in the filter language lists use, e.g. "
        + "{\"priority\":{\"eq\":\"urgent\"},\"company.custom.tier\":{\"eq\":\"gold\"}}; "
        + "null or absent matches every ticket, so a policy "
        + "without conditions at the last position is the default. Placing a policy at a position shifts the ones from there "
        + "on; the live policies are always numbered 0..n-1. A deleted policy matches no new ticket but keeps governing the "
        + "tickets it already has, and can still be read by id (deletedAt set).\n\n"
        + "calendar: { \"timeZone\": an IANA id such as \"Europe/Berlin\", \"weeklyHours\": { \"monday\": [{ \"start\": \"09:00\", "
        + "\"end\": \"17:00\" }], ... } with days monday..sunday (a day left out or empty is closed; a day's intervals are HH:mm "
        + "local time, start inclusive, end exclusive, 24:00 for the end of the day, listed in order, touching but not "
        + "overlapping), \"holidays\": [\"2026-12-25\", ...] local dates closed all day }. The week must have some open time. "
        + "targets: { \"low\", \"normal\", \"high\", \"urgent\" }, all four required, each { \"firstResponseMinutes\", "
        + "\"resolutionMinutes\" } in business minutes of the calendar (1 to 525600). A merge patch merges objects key by key "
        + "(send null to remove a key) and replaces arrays whole.";

    public static void MapSlaPolicyEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/sla-policies").WithTags("SLA policies");

        group.MapGet("/", async Task<Ok<PageDto<SlaPolicyDto>>> (SlaPolicyHandlers handlers, CancellationToken ct) =>
                TypedResults.Ok(new PageDto<SlaPolicyDto>(await handlers.ListAsync(ct), null)))
            .WithName("ListSlaPolicies").WithSummary("List the live SLA policies in the order they are tried")
            .WithDescription(Description)
            .RequireAuthorization(Scopes.TicketsRead);

        group.MapPost("/", (HttpContext http, SlaPolicyHandlers handlers, CancellationToken ct) => RecordResults.CreatedAsync(
                http, body => handlers.CreateAsync(body, ct), (_, created) => $"/api/v1/sla-policies/{created.Id}", ct))
            .WithName("CreateSlaPolicy").WithSummary("Create an SLA policy at a position (default last)")
            .WithDescription(Description)
            .Accepts<SlaPolicyInput>("application/json")
            .RequireAuthorization(Scopes.SlaManage)
            .ProducesProblem(400).ProducesProblem(409).ProducesProblem(413).ProducesProblem(415);

        group.MapGet("/{id:guid}", async Task<Results<Ok<SlaPolicyDto>, StatusCodeHttpResult, ProblemHttpResult>> (
                Guid id, HttpContext http, SlaPolicyHandlers handlers, CancellationToken ct) =>
                RecordResults.Conditional(http, await handlers.GetAsync(id, ct)))
            .WithName("GetSlaPolicy").WithSummary("Get an SLA policy, deleted ones included (tickets still refer to them)")
            .RequireAuthorization(Scopes.TicketsRead)
            .Produces(304).ProducesProblem(404);

        group.MapPatch("/{id:guid}", (Guid id, HttpContext http, SlaPolicyHandlers handlers, CancellationToken ct) =>
                RecordResults.PatchedAsync(http, (patch, version) => handlers.UpdateAsync(id, patch, version, ct), ct))
            .WithName("UpdateSlaPolicy")
            .WithSummary("Change an SLA policy's name, position, conditions, calendar or targets (JSON merge patch)")
            .WithDescription(Description)
            .Accepts<SlaPolicyInput>(JsonBody.MergePatch, "application/json")
            .RequireAuthorization(Scopes.SlaManage)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(413).ProducesProblem(415);

        group.MapDelete("/{id:guid}", async Task<Results<NoContent, ProblemHttpResult>> (
                Guid id, HttpContext http, SlaPolicyHandlers handlers, CancellationToken ct) =>
                (await handlers.DeleteAsync(id, Preconditions.ExpectedVersion(http.Request), ct)).ToHttp(_ => TypedResults.NoContent()))
            .WithName("DeleteSlaPolicy")
            .WithSummary("Delete an SLA policy: it matches no new ticket; the tickets it governs keep it")
            .RequireAuthorization(Scopes.SlaManage)
            .ProducesProblem(404).ProducesProblem(412);
    }
}
