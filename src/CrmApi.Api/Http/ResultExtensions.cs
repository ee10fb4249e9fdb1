using CrmApi.Application.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmApi.Api.Http;

public static class ResultExtensions
{
    /// <summary>A success becomes what <paramref name="ok"/> makes of it; a failure becomes problem details.</summary>
    public static Results<TOk, ProblemHttpResult> ToHttp<T, TOk>(this Result<T> result, Func<T, TOk> ok) where TOk : IResult
        => result.IsSuccess ? ok(result.Value!) : Problems.From(result.Errors);
}
