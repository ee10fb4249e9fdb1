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

    /// <summary>A read: 200 with the ETag, 304 when If-None-Match names it, or the problem.</summary>
    public static Results<Ok<T>, StatusCodeHttpResult, ProblemHttpResult> Conditional<T>(HttpContext http, Result<T> result) where T : IRecordDto
    {
        if (!result.IsSuccess) return Problems.From(result.Errors);
        http.Response.Headers.ETag = Preconditions.ETagOf(result.Value!.Version);
        if (Preconditions.NoneMatch(http.Request, result.Value.Version)) return TypedResults.StatusCode(304);
        return TypedResults.Ok(result.Value);
    }
}
