using CrmApi.Api.Http;
using CrmApi.Application.Segments;
using CrmApi.Domain.Workspaces;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmApi.Api.Endpoints;

public static class SegmentEndpoints
{
    public const string Description =
        "A segment lists contacts, companies or deals (objectType). A dynamic segment's members are the records that meet its "
        + "filter (the filter language of its object type, relation conditions included); they are computed in the background "
        + "when the filter is set (state building, then ready) and kept current from the event log after that: processedSequence "
        + "is the event position they reflect. A static segment's members are added and removed by hand, up to 1,000 ids per call. "
        + "Every change of membership writes segment.entered or segment.exited to the event log (object: the segment; related: "
        + "the record), so the change feed and webhooks carry it.";

    public static void MapSegmentEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/segments").WithTags("Segments");

        group.MapGet("/", async (SegmentHandlers handlers, CancellationToken ct) =>
                TypedResults.Ok(new PageDto<SegmentDto>(await handlers.ListAsync(ct), null)))
            .WithName("ListSegments").WithSummary("The workspace's segments with their member counts")
            .RequireAuthorization(Scopes.SegmentsRead);

        group.MapPost("/", (HttpContext http, SegmentHandlers handlers, CancellationToken ct) =>
                RecordResults.CreatedAsync<SegmentDto>(http, body => handlers.CreateAsync(body, ct), (_, s) => $"/api/v1/segments/{s.Id}", ct))
            .WithName("CreateSegment").WithSummary("Make a dynamic (filtered) or static (hand-picked) segment")
            .WithDescription(Description)
            .Accepts<SegmentInput>("application/json")
            .RequireAuthorization(Scopes.SegmentsWrite)
            .ProducesProblem(400).ProducesProblem(409).ProducesProblem(413).ProducesProblem(415);

        group.MapGet("/{id:guid}", async Task<Results<Ok<SegmentDto>, StatusCodeHttpResult, ProblemHttpResult>> (
                Guid id, HttpContext http, SegmentHandlers handlers, CancellationToken ct) => RecordResults.Conditional(http, await handlers.GetAsync(id, ct)))
            .WithName("GetSegment").WithSummary("A segment: its definition, member count, state and the event position its members reflect")
            .RequireAuthorization(Scopes.SegmentsRead)
            .Produces(304).ProducesProblem(404);

        group.MapPatch("/{id:guid}", (Guid id, HttpContext http, SegmentHandlers handlers, CancellationToken ct) =>
                RecordResults.PatchedAsync(http, (body, version) => handlers.UpdateAsync(id, body, version, ct), ct))
            .WithName("UpdateSegment").WithSummary("Rename a segment or change a dynamic segment's filter (JSON merge patch); a new filter rebuilds it")
            .Accepts<SegmentInput>(JsonBody.MergePatch, "application/json")
            .RequireAuthorization(Scopes.SegmentsWrite)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(412).ProducesProblem(413).ProducesProblem(415);

        group.MapDelete("/{id:guid}", async Task<Results<NoContent, ProblemHttpResult>> (
                Guid id, HttpContext http, SegmentHandlers handlers, CancellationToken ct) =>
                (await handlers.DeleteAsync(id, Preconditions.ExpectedVersion(http.Request), ct)).ToHttp(_ => TypedResults.NoContent()))
            .WithName("DeleteSegment").WithSummary("Delete a segment and its memberships")
            .RequireAuthorization(Scopes.SegmentsWrite)
            .ProducesProblem(404).ProducesProblem(412);

        group.MapGet("/{id:guid}/members", async Task<Results<Ok<PageDto<SegmentMemberDto>>, ProblemHttpResult>> (
                Guid id, SegmentHandlers handlers, CancellationToken ct, int? limit, string? cursor) =>
                (await handlers.MembersAsync(id, limit, cursor, ct)).ToHttp(p => TypedResults.Ok(new PageDto<SegmentMemberDto>(p.Items, p.NextCursor))))
            .WithName("ListSegmentMembers").WithSummary("A segment's members (record ids, with when each entered), in id order")
            .RequireAuthorization(Scopes.SegmentsRead)
            .ProducesProblem(400).ProducesProblem(404);

        group.MapPost("/{id:guid}/members", (Guid id, HttpContext http, SegmentHandlers handlers, CancellationToken ct) =>
                MembersAsync(http, body => handlers.AddMembersAsync(id, body, ct), ct))
            .WithName("AddSegmentMembers").WithSummary("Add up to 1,000 records to a static segment")
            .Accepts<SegmentMembersInput>("application/json")
            .RequireAuthorization(Scopes.SegmentsWrite)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413).ProducesProblem(415);

        group.MapDelete("/{id:guid}/members", (Guid id, HttpContext http, SegmentHandlers handlers, CancellationToken ct) =>
                MembersAsync(http, body => handlers.RemoveMembersAsync(id, body, ct), ct))
            .WithName("RemoveSegmentMembers").WithSummary("Remove up to 1,000 records from a static segment")
            .Accepts<SegmentMembersInput>("application/json")
            .RequireAuthorization(Scopes.SegmentsWrite)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413).ProducesProblem(415);

        group.MapPost("/{id:guid}/snapshot", async Task<Results<Created<SegmentDto>, ProblemHttpResult>> (
                Guid id, HttpContext http, SegmentHandlers handlers, CancellationToken ct) =>
            {
                // The body is optional: without one the snapshot is named after the segment.
                var body = http.Request.ContentLength is 0 || (http.Request.ContentLength is null && http.Request.ContentType is null)
                    ? new System.Text.Json.Nodes.JsonObject()
                    : await JsonBody.ReadObjectAsync(http.Request, JsonBody.Json, ct);
                if (!body.IsSuccess) return Problems.From(body.Errors);
                return (await handlers.SnapshotAsync(id, body.Value!, ct)).ToHttp(s => TypedResults.Created($"/api/v1/segments/{s.Id}", s));
            })
            .WithName("SnapshotSegment").WithSummary("Freeze a dynamic segment's current members into a new static segment")
            .Accepts<SegmentSnapshotInput>("application/json")
            .RequireAuthorization(Scopes.SegmentsWrite)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413).ProducesProblem(415);

        MapOfRecord(api, "contact", ContactEndpoints.Names);
        MapOfRecord(api, "company", CompanyEndpoints.Names);
        MapOfRecord(api, "deal", DealEndpoints.Names);
    }

    private static async Task<Results<Ok<SegmentMembersChangedDto>, ProblemHttpResult>> MembersAsync(
        HttpContext http, Func<System.Text.Json.Nodes.JsonObject, Task<Application.Common.Result<SegmentMembersChangedDto>>> change, CancellationToken ct)
    {
        var body = await JsonBody.ReadObjectAsync(http.Request, JsonBody.Json, ct);
        if (!body.IsSuccess) return Problems.From(body.Errors);
        return (await change(body.Value!)).ToHttp(TypedResults.Ok);
    }

    private static void MapOfRecord(IEndpointRouteBuilder api, string objectType, RecordEndpoints.Names n)
        => api.MapGet($"/{n.Path}/{{id:guid}}/segments", async Task<Results<Ok<PageDto<SegmentDto>>, ProblemHttpResult>> (
                Guid id, SegmentHandlers handlers, CancellationToken ct) =>
                (await handlers.OfRecordAsync(objectType, id, ct)).ToHttp(list => TypedResults.Ok(new PageDto<SegmentDto>(list, null))))
            .WithTags(n.Plural).WithName($"Get{n.Singular}Segments")
            .WithSummary($"The segments a {objectType} is in")
            .RequireAuthorization(n.ReadScope).RequireAuthorization(Scopes.SegmentsRead)
            .ProducesProblem(404);
}
