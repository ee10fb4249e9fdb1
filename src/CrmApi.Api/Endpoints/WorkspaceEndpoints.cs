using CrmApi.Api.Auth;
using CrmApi.Api.Http;
using CrmApi.Application.Workspaces;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmApi.Api.Endpoints;

public static class WorkspaceEndpoints
{
    public static void MapWorkspaceEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/workspaces", async Task<Results<Created<CreatedWorkspaceDto>, ProblemHttpResult>> (
                HttpContext http, WorkspaceHandlers handlers, CancellationToken ct) =>
            {
                var body = await JsonBody.ReadObjectAsync(http.Request, JsonBody.Json, ct);
                if (!body.IsSuccess) return Problems.From(body.Errors);
                return (await handlers.CreateAsync(body.Value!, ct)).ToHttp(w => TypedResults.Created("/api/v1/workspace", w));
            })
            .WithTags("Workspaces").WithName("CreateWorkspace")
            .WithSummary("Create a workspace and its first full-scope API key (platform admin key only)")
            .Accepts<CreateWorkspaceInput>("application/json")
            .RequireAuthorization(ScopePolicies.PlatformAdmin)
            .ProducesProblem(400).ProducesProblem(413).ProducesProblem(415);

        api.MapGet("/workspace", async Task<Results<Ok<WorkspaceDto>, ProblemHttpResult>> (WorkspaceHandlers handlers, CancellationToken ct)
                => (await handlers.GetCurrentAsync(ct)).ToHttp(TypedResults.Ok))
            .WithTags("Workspaces").WithName("GetWorkspace").WithSummary("Get the caller's workspace")
            .RequireAuthorization(ScopePolicies.AnyWorkspaceKey)
            .ProducesProblem(404);
    }
}
