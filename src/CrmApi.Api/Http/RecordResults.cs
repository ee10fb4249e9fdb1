using System.Text.Json.Nodes;
using CrmApi.Application.Common;
using CrmApi.Application.Records;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmApi.Api.Http;

/// <summary>Responses that carry a versioned representation: its ETag, and 304 for a matching If-None-Match.</summary>
public static class RecordResults
{
    /// <summary>200 with the ETag, or the problem.</summary>
    public static Results<Ok<T>, ProblemHttpResult> WithETag<T>(HttpContext http, Result<T> result) where T : IRecordDto
    {
        if (result.IsSuccess) http.Response.Headers.ETag = Preconditions.ETagOf(result.Value!.Version);
        return result.ToHttp(TypedResults.Ok);
    }

    /// <summary>
    /// A create: the JSON body goes to <paramref name="create"/>; 201 with the new representation's Location (made from
    /// the body and the result) and ETag, or the problem.
    /// </summary>
    public static async Task<Results<Created<T>, ProblemHttpResult>> CreatedAsync<T>(HttpContext http,
        Func<JsonObject, Task<Result<T>>> create, Func<JsonObject, T, string> location, CancellationToken ct) where T : IRecordDto
    {
        var body = await JsonBody.ReadObjectAsync(http.Request, JsonBody.Json, ct);
        if (!body.IsSuccess) return Problems.From(body.Errors);
        var result = await create(body.Value!);
        if (!result.IsSuccess) return Problems.From(result.Errors);
        http.Response.Headers.ETag = Preconditions.ETagOf(result.Value!.Version);
        return TypedResults.Created(location(body.Value!, result.Value), result.Value);
    }

    /// <summary>A merge patch: the body and the If-Match version go to <paramref name="update"/>; 200 with the ETag, or the problem.</summary>
    public static async Task<Results<Ok<T>, ProblemHttpResult>> PatchedAsync<T>(HttpContext http,
        Func<JsonObject, long?, Task<Result<T>>> update, CancellationToken ct) where T : IRecordDto
    {
        var body = await JsonBody.ReadObjectAsync(http.Request, JsonBody.JsonOrMergePatch, ct);
        if (!body.IsSuccess) return Problems.From(body.Errors);
        return WithETag(http, await update(body.Value!, Preconditions.ExpectedVersion(http.Request)));
    }

    /// <summary>A read: 200 with the ETag, 304 when If-None-Match names it, or the problem.</summary>
    public static Results<Ok<T>, StatusCodeHttpResult, ProblemHttpResult> Conditional<T>(HttpContext http, Result<T> result) where T : IRecordDto
    {
        if (!result.IsSuccess) return Problems.From(result.Errors);
        http.Response.Headers.ETag = Preconditions.ETagOf(result.Value!.Version);
        if (Preconditions.NoneMatch(http.Request, result.Value.Version)) return TypedResults.StatusCode(304);
        return TypedResults.Ok(result.Value);
    }
}
