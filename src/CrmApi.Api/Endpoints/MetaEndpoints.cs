using CrmApi.Api.Auth;
using CrmApi.Api.Http;
using CrmApi.Application.Common;
using CrmApi.Application.Events;
using CrmApi.Application.Meta;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmApi.Api.Endpoints;

public static class MetaEndpoints
{
    public static void MapMetaEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/meta/objects").WithTags("Meta").RequireAuthorization(ScopePolicies.AnyWorkspaceKey);

        group.MapGet("/", () => TypedResults.Ok(new PageDto<ObjectMetadata>(ObjectMetadata.All, null)))
            .WithName("ListObjectMetadata").WithSummary("List the objects with their filterable and sortable fields");

        api.MapGet("/meta/event-types", () => TypedResults.Ok(new PageDto<EventTypeInfo>(EventCatalog.All, null)))
            .WithTags("Meta").WithName("ListEventTypes")
            .WithSummary("List every event type with the JSON Schema of its payload")
            .RequireAuthorization(ScopePolicies.AnyWorkspaceKey);

        group.MapGet("/{name}", Results<Ok<ObjectMetadata>, ProblemHttpResult> (string name) =>
                ObjectMetadata.All.FirstOrDefault(o => o.Name == name) is { } meta
                    ? TypedResults.Ok(meta)
                    : Problems.From(Error.NotFound("object type")))
            .WithName("GetObjectMetadata").WithSummary("Get one object's field catalog: types, operators, sortability")
            .ProducesProblem(404);
    }
}
