using CrmApi.Api.Auth;
using CrmApi.Api.Http;
using CrmApi.Application.CustomFields;
using CrmApi.Application.Events;
using CrmApi.Application.Meta;
using CrmApi.Domain.Workspaces;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmApi.Api.Endpoints;

public static class MetaEndpoints
{
    public static void MapMetaEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/meta/objects").WithTags("Meta").RequireAuthorization(ScopePolicies.AnyWorkspaceKey);

        group.MapGet("/", async Task<Ok<PageDto<ObjectMetadata>>> (ObjectMetadataReader reader, CancellationToken ct)
                => TypedResults.Ok(new PageDto<ObjectMetadata>(await reader.AllAsync(ct), null)))
            .WithName("ListObjectMetadata").WithSummary("List the objects with their filterable and sortable fields, custom ones included");

        api.MapGet("/meta/event-types", () => TypedResults.Ok(new PageDto<EventTypeInfo>(EventCatalog.All, null)))
            .WithTags("Meta").WithName("ListEventTypes")
            .WithSummary("List every event type with the JSON Schema of its payload")
            .RequireAuthorization(ScopePolicies.AnyWorkspaceKey);

        group.MapGet("/{name}", async Task<Results<Ok<ObjectMetadata>, ProblemHttpResult>> (string name, ObjectMetadataReader reader, CancellationToken ct)
                => (await reader.GetAsync(name, ct)).ToHttp(TypedResults.Ok))
            .WithName("GetObjectMetadata").WithSummary("Get one object's field catalog: types, operators, sortability, custom fields")
            .ProducesProblem(404);

        group.MapGet("/{name}/fields", async Task<Results<Ok<PageDto<CustomFieldDto>>, ProblemHttpResult>> (
                string name, CustomFieldHandlers handlers, CancellationToken ct)
                => (await handlers.ListAsync(name, ct)).ToHttp(f => TypedResults.Ok(new PageDto<CustomFieldDto>(f, null))))
            .WithName("ListCustomFields").WithSummary("List an object's custom fields")
            .ProducesProblem(404);

        group.MapPost("/{name}/fields", async Task<Results<Created<CustomFieldDto>, ProblemHttpResult>> (
                string name, HttpContext http, CustomFieldHandlers handlers, CancellationToken ct) =>
            {
                var body = await JsonBody.ReadObjectAsync(http.Request, JsonBody.Json, ct);
                if (!body.IsSuccess) return Problems.From(body.Errors);
                return (await handlers.CreateAsync(name, body.Value!, ct))
                    .ToHttp(f => TypedResults.Created($"/api/v1/meta/objects/{name}/fields/{f.Key}", f));
            })
            .WithName("CreateCustomField").WithSummary("Add a custom field to contacts or companies")
            .Accepts<CustomFieldInput>("application/json")
            .RequireAuthorization(Scopes.FieldsManage)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413).ProducesProblem(415);

        group.MapPatch("/{name}/fields/{key}", async Task<Results<Ok<CustomFieldDto>, ProblemHttpResult>> (
                string name, string key, HttpContext http, CustomFieldHandlers handlers, CancellationToken ct) =>
            {
                var body = await JsonBody.ReadObjectAsync(http.Request, JsonBody.JsonOrMergePatch, ct);
                if (!body.IsSuccess) return Problems.From(body.Errors);
                return (await handlers.UpdateAsync(name, key, body.Value!, ct)).ToHttp(TypedResults.Ok);
            })
            .WithName("UpdateCustomField").WithSummary("Change a custom field's label, options, required flag, or type within its kind")
            .Accepts<CustomFieldInput>(JsonBody.MergePatch, "application/json")
            .RequireAuthorization(Scopes.FieldsManage)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413).ProducesProblem(415);

        group.MapDelete("/{name}/fields/{key}", async Task<Results<NoContent, ProblemHttpResult>> (
                string name, string key, CustomFieldHandlers handlers, CancellationToken ct)
                => (await handlers.RetireAsync(name, key, ct)).ToHttp(_ => TypedResults.NoContent()))
            .WithName("RetireCustomField").WithSummary("Retire a custom field (its values stay in history)")
            .RequireAuthorization(Scopes.FieldsManage)
            .ProducesProblem(404);
    }
}
