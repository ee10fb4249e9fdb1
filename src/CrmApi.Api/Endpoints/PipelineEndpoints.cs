using CrmApi.Api.Auth;
using CrmApi.Api.Http;
using CrmApi.Application.Pipelines;
using CrmApi.Domain.Workspaces;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmApi.Api.Endpoints;

/// <summary>
/// Pipelines and their stages. Any workspace key reads them (deal and ticket screens need the stages); changing them
/// takes <c>pipelines:manage</c>. Writes to a pipeline or its stages are guarded by the pipeline's version (If-Match).
/// </summary>
public static class PipelineEndpoints
{
    public static void MapPipelineEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/pipelines").WithTags("Pipelines");

        group.MapGet("/", async Task<Results<Ok<PageDto<PipelineDto>>, ProblemHttpResult>> (
                PipelineHandlers handlers, CancellationToken ct, string? objectType) =>
                (await handlers.ListAsync(objectType, ct)).ToHttp(p => TypedResults.Ok(new PageDto<PipelineDto>(p, null))))
            .WithName("ListPipelines").WithSummary("List the pipelines with their stages (objectType=deal or ticket for one kind)")
            .RequireAuthorization(ScopePolicies.AnyWorkspaceKey)
            .ProducesProblem(400);

        group.MapPost("/", (HttpContext http, PipelineHandlers handlers, CancellationToken ct) => RecordResults.CreatedAsync(
                http, body => handlers.CreateAsync(body, ct), (_, created) => $"/api/v1/pipelines/{created.Id}", ct))
            .WithName("CreatePipeline").WithSummary("Create a deal or ticket pipeline with its stages")
            .Accepts<PipelineInput>("application/json")
            .RequireAuthorization(Scopes.PipelinesManage)
            .ProducesProblem(400).ProducesProblem(413).ProducesProblem(415);

        group.MapGet("/{id:guid}", async Task<Results<Ok<PipelineDto>, StatusCodeHttpResult, ProblemHttpResult>> (
                Guid id, HttpContext http, PipelineHandlers handlers, CancellationToken ct) =>
                RecordResults.Conditional(http, await handlers.GetAsync(id, ct)))
            .WithName("GetPipeline").WithSummary("Get a pipeline with its stages")
            .RequireAuthorization(ScopePolicies.AnyWorkspaceKey)
            .Produces(304).ProducesProblem(404);

        group.MapPatch("/{id:guid}", (Guid id, HttpContext http, PipelineHandlers handlers, CancellationToken ct) =>
                RecordResults.PatchedAsync(http, (patch, version) => handlers.UpdateAsync(id, patch, version, ct), ct))
            .WithName("UpdatePipeline").WithSummary("Rename a pipeline or make it its object type's default (JSON merge patch)")
            .Accepts<PipelinePatchInput>(JsonBody.MergePatch, "application/json")
            .RequireAuthorization(Scopes.PipelinesManage)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(412).ProducesProblem(413).ProducesProblem(415);

        group.MapDelete("/{id:guid}", async Task<Results<NoContent, ProblemHttpResult>> (
                Guid id, HttpContext http, PipelineHandlers handlers, CancellationToken ct) =>
                (await handlers.DeleteAsync(id, Preconditions.ExpectedVersion(http.Request), ct)).ToHttp(_ => TypedResults.NoContent()))
            .WithName("DeletePipeline").WithSummary("Delete a pipeline that holds no records and is not the default (409 otherwise)")
            .RequireAuthorization(Scopes.PipelinesManage)
            .ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);

        group.MapPost("/{id:guid}/stages", (Guid id, HttpContext http, PipelineHandlers handlers, CancellationToken ct) => RecordResults.CreatedAsync(
                http, body => handlers.AddStageAsync(id, body, Preconditions.ExpectedVersion(http.Request), ct),
                (body, _) => $"/api/v1/pipelines/{id}/stages/{body["key"]?.GetValue<string>().Trim()}", ct))
            .WithName("AddPipelineStage").WithSummary("Add a stage at a position (default last); answers with the pipeline")
            .Accepts<StageInput>("application/json")
            .RequireAuthorization(Scopes.PipelinesManage)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(413).ProducesProblem(415);

        group.MapPatch("/{id:guid}/stages/{key}", (Guid id, string key, HttpContext http, PipelineHandlers handlers, CancellationToken ct) =>
                RecordResults.PatchedAsync(http, (patch, version) => handlers.UpdateStageAsync(id, key, patch, version, ct), ct))
            .WithName("UpdatePipelineStage")
            .WithSummary("Rename, move (position), re-weight (probability) or change the state of a stage (JSON merge patch)")
            .Accepts<StageInput>(JsonBody.MergePatch, "application/json")
            .RequireAuthorization(Scopes.PipelinesManage)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(413).ProducesProblem(415);

        group.MapDelete("/{id:guid}/stages/{key}", async Task<Results<NoContent, ProblemHttpResult>> (
                Guid id, string key, HttpContext http, PipelineHandlers handlers, CancellationToken ct, string? moveTo) =>
                (await handlers.RemoveStageAsync(id, key, moveTo, Preconditions.ExpectedVersion(http.Request), ct)).ToHttp(_ => TypedResults.NoContent()))
            .WithName("RemovePipelineStage")
            .WithSummary("Remove a stage; one that holds records needs moveTo=<stageKey>, where they move (each with a stage change)")
            .RequireAuthorization(Scopes.PipelinesManage)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);
    }
}
