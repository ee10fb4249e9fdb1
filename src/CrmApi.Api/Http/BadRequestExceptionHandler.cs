using System.Text.RegularExpressions;
using CrmApi.Application.Common;
using Microsoft.AspNetCore.Diagnostics;

namespace CrmApi.Api.Http;

/// <summary>
/// Turns the framework's bad-request exceptions (a query parameter that does not bind, an unreadable body) into the
/// same problem details as our own validation, naming the parameter.
/// </summary>
public sealed partial class BadRequestExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (exception is not BadHttpRequestException bad || context.Response.HasStarted) return false;
        var error = BindingFailure().Match(bad.Message) is { Success: true } m
            ? Error.Validation(m.Groups["name"].Value, $"'{m.Groups["name"].Value}' must be {Describe(m.Groups["type"].Value)}; got '{m.Groups["value"].Value}'.")
            : new Error(bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? ErrorCodes.PayloadTooLarge : ErrorCodes.Validation, bad.Message);
        var result = Problems.From(error);
        result.ProblemDetails.Status = bad.StatusCode;
        await result.ExecuteAsync(context);
        return true;
    }

    private static string Describe(string type) => type.TrimEnd('?') switch
    {
        "int" or "long" => "a whole number",
        "Guid" => "a UUID",
        "bool" => "true or false",
        _ => $"a {type.TrimEnd('?')}",
    };

    // "Failed to bind parameter "int? limit" from "abc"."
    [GeneratedRegex("""^Failed to bind parameter "(?<type>\S+) (?<name>\w+)" from "(?<value>.*)"\.$""")]
    private static partial Regex BindingFailure();
}
