using CrmApi.Api.Http;
using CrmApi.Application.ApiKeys;
using CrmApi.Domain.Workspaces;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmApi.Api.Endpoints;

public static class ApiKeyEndpoints
{
    public static void MapApiKeyEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/api-keys").WithTags("ApiKeys").RequireAuthorization(Scopes.ApiKeysManage);

        group.MapPost("/", async Task<Results<Created<CreatedApiKeyDto>, ProblemHttpResult>> (
                HttpContext http, ApiKeyHandlers handlers, CancellationToken ct) =>
            {
                var body = await JsonBody.ReadObjectAsync(http.Request, JsonBody.Json, ct);
                if (!body.IsSuccess) return Problems.From(body.Errors);
                return (await handlers.CreateAsync(body.Value!, ct)).ToHttp(k => TypedResults.Created($"/api/v1/api-keys/{k.Id}", k));
            })
            .WithName("CreateApiKey").WithSummary("Create an API key (its secret is in the response, and only there)")
            .Accepts<CreateApiKeyInput>("application/json")
            .ProducesProblem(400).ProducesProblem(413).ProducesProblem(415);

        group.MapGet("/", async Task<Ok<PageDto<ApiKeyDto>>> (ApiKeyHandlers handlers, CancellationToken ct)
                => TypedResults.Ok(new PageDto<ApiKeyDto>(await handlers.ListAsync(ct), null)))
            .WithName("ListApiKeys").WithSummary("List the workspace's API keys (never their secrets)");

        group.MapDelete("/{id:guid}", async Task<Results<NoContent, ProblemHttpResult>> (Guid id, ApiKeyHandlers handlers, CancellationToken ct)
                => (await handlers.RevokeAsync(id, ct)).ToHttp(_ => TypedResults.NoContent()))
            .WithName("RevokeApiKey").WithSummary("Revoke an API key at once")
            .ProducesProblem(404);
    }
}
