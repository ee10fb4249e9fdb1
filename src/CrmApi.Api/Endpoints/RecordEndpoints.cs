using CrmApi.Api.Http;
using CrmApi.Application.Events;
using CrmApi.Application.Records;
using CrmApi.Domain.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmApi.Api.Endpoints;

/// <summary>
/// The REST face of the shared record use cases: create, read (with If-None-Match), read by external id, merge patch
/// (with If-Match), soft delete and restore. Contacts, companies and later record types map the same routes.
/// </summary>
public static class RecordEndpoints
{
    public sealed record Names(string Singular, string Plural, string Path, string ReadScope, string WriteScope, bool ExternalIds = true);

    public static RouteGroupBuilder MapRecordRoutes<TEntity, TInput, TDetails, TDto, THandlers>(this RouteGroupBuilder group, Names n)
        where TEntity : Record
        where TInput : class
        where TDto : class, IRecordDto
        where THandlers : RecordHandlers<TEntity, TInput, TDetails, TDto>
    {
        group.MapPost("/", (HttpContext http, THandlers handlers, CancellationToken ct) => RecordResults.CreatedAsync(
                http, body => handlers.CreateAsync(body, ct), (_, created) => $"/api/v1/{n.Path}/{created.Id}", ct))
            .WithName($"Create{n.Singular}").WithSummary($"Create a {n.Singular.ToLowerInvariant()}")
            .Accepts<TInput>("application/json")
            .RequireAuthorization(n.WriteScope)
            .ProducesProblem(400).ProducesProblem(409).ProducesProblem(413).ProducesProblem(415);

        group.MapGet("/{id:guid}", async Task<Results<Ok<TDto>, StatusCodeHttpResult, ProblemHttpResult>> (
                Guid id, HttpContext http, THandlers handlers, CancellationToken ct) =>
                RecordResults.Conditional(http, await handlers.GetAsync(id, ct)))
            .WithName($"Get{n.Singular}").WithSummary($"Get a {n.Singular.ToLowerInvariant()} by id")
            .RequireAuthorization(n.ReadScope)
            .Produces(304).ProducesProblem(404);

        if (n.ExternalIds)
        {
            // A catch-all, so ids with slashes ("INV/2026/001") work written plainly or as %2F.
            group.MapGet("/by-external-id/{system}/{**externalId}", async Task<Results<Ok<TDto>, ProblemHttpResult>> (
                    string system, string externalId, HttpContext http, THandlers handlers, CancellationToken ct) =>
                    RecordResults.WithETag(http, await handlers.GetByExternalIdAsync(system, Uri.UnescapeDataString(externalId), ct)))
                .WithName($"Get{n.Singular}ByExternalId").WithSummary($"Get a {n.Singular.ToLowerInvariant()} by its id in another system")
                .RequireAuthorization(n.ReadScope)
                .ProducesProblem(404);

        }

        group.MapPatch("/{id:guid}", (Guid id, HttpContext http, THandlers handlers, CancellationToken ct) =>
                RecordResults.PatchedAsync(http, (patch, version) => handlers.UpdateAsync(id, patch, version, ct), ct))
            .WithName($"Update{n.Singular}").WithSummary($"Update a {n.Singular.ToLowerInvariant()} with a JSON merge patch (RFC 7396)")
            .Accepts<TInput>(JsonBody.MergePatch, "application/json")
            .RequireAuthorization(n.WriteScope)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(413).ProducesProblem(415);

        group.MapDelete("/{id:guid}", async Task<Results<NoContent, ProblemHttpResult>> (
                Guid id, HttpContext http, THandlers handlers, CancellationToken ct) =>
                (await handlers.DeleteAsync(id, Preconditions.ExpectedVersion(http.Request), ct)).ToHttp(_ => TypedResults.NoContent()))
            .WithName($"Delete{n.Singular}").WithSummary($"Delete a {n.Singular.ToLowerInvariant()} (it can be restored)")
            .RequireAuthorization(n.WriteScope)
            .ProducesProblem(404).ProducesProblem(412);

        group.MapPost("/{id:guid}/restore", async Task<Results<Ok<TDto>, ProblemHttpResult>> (
                Guid id, HttpContext http, THandlers handlers, CancellationToken ct) =>
                RecordResults.WithETag(http, await handlers.RestoreAsync(id, ct)))
            .WithName($"Restore{n.Singular}").WithSummary($"Restore a deleted {n.Singular.ToLowerInvariant()}")
            .RequireAuthorization(n.WriteScope)
            .ProducesProblem(404);

        group.MapGet("/{id:guid}/history", async Task<Results<Ok<FieldHistoryPage>, ProblemHttpResult>> (
                Guid id, THandlers handlers, CancellationToken ct, string? field, int? limit, string? cursor) =>
                (await handlers.HistoryAsync(id, field, limit, cursor, ct)).ToHttp(TypedResults.Ok))
            .WithName($"Get{n.Singular}History")
            .WithSummary($"Each change of each field of a {n.Singular.ToLowerInvariant()}, newest first (field=email for one field)")
            .RequireAuthorization(n.ReadScope)
            .ProducesProblem(400).ProducesProblem(404);

        return group;
    }
}
