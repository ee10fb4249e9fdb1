using System.Diagnostics;
using CrmApi.Application.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmApi.Api.Http;

/// <summary>
/// The one place error codes become HTTP: RFC 9457 problem details with a stable <c>type</c> per code, the trace id, and
/// per-field <c>errors</c>.
/// </summary>
public static class Problems
{
    public const string TypePrefix = "urn:crmapi:problem:";

    private static readonly Dictionary<string, (int Status, string Title)> Codes = new()
    {
        [ErrorCodes.Validation] = (StatusCodes.Status400BadRequest, "The request is not valid."),
        [ErrorCodes.MalformedJson] = (StatusCodes.Status400BadRequest, "The body is not well-formed JSON."),
        [ErrorCodes.Unauthorized] = (StatusCodes.Status401Unauthorized, "Authentication is required."),
        [ErrorCodes.Forbidden] = (StatusCodes.Status403Forbidden, "The credential does not allow this."),
        [ErrorCodes.NotFound] = (StatusCodes.Status404NotFound, "The resource does not exist."),
        [ErrorCodes.MethodNotAllowed] = (StatusCodes.Status405MethodNotAllowed, "The method is not allowed on this resource."),
        [ErrorCodes.Conflict] = (StatusCodes.Status409Conflict, "The request conflicts with existing data."),
        [ErrorCodes.PreconditionFailed] = (StatusCodes.Status412PreconditionFailed, "A precondition failed."),
        [ErrorCodes.Gone] = (StatusCodes.Status410Gone, "The resource is no longer available."),
        [ErrorCodes.PayloadTooLarge] = (StatusCodes.Status413PayloadTooLarge, "The body is too large."),
        [ErrorCodes.UnsupportedMediaType] = (StatusCodes.Status415UnsupportedMediaType, "The content type is not supported."),
        [ErrorCodes.IdempotencyKeyReused] = (StatusCodes.Status422UnprocessableEntity, "The idempotency key was used for a different request."),
        [ErrorCodes.IdempotencyKeyInUse] = (StatusCodes.Status409Conflict, "A request with this idempotency key is still in progress."),
        [ErrorCodes.Internal] = (StatusCodes.Status500InternalServerError, "An unexpected error occurred."),
    };

    /// <summary>The code for a status the framework produced on its own (e.g. 404 for a path no route matches).</summary>
    public static string? CodeOf(int status) => status switch
    {
        400 => ErrorCodes.Validation,
        401 => ErrorCodes.Unauthorized,
        403 => ErrorCodes.Forbidden,
        404 => ErrorCodes.NotFound,
        405 => ErrorCodes.MethodNotAllowed,
        413 => ErrorCodes.PayloadTooLarge,
        415 => ErrorCodes.UnsupportedMediaType,
        >= 500 => ErrorCodes.Internal,
        _ => null,
    };

    /// <summary>What to say when the framework, not a use case, produced the status.</summary>
    public static string DefaultDetail(int status, HttpContext context) => status switch
    {
        404 => $"Nothing exists at '{context.Request.Path}' (ids are UUIDs).",
        405 => $"'{context.Request.Method}' is not allowed on '{context.Request.Path}'.",
        415 => $"The content type '{context.Request.ContentType ?? "none"}' is not supported here; send application/json.",
        401 => "A valid API key is required: send 'Authorization: Bearer <key>'.",
        403 => "The credential does not allow this.",
        >= 500 => "An unexpected error occurred; the trace id identifies it in the logs.",
        _ => "The request could not be processed.",
    };

    public static int StatusOf(string code) => Codes.TryGetValue(code, out var c) ? c.Status : StatusCodes.Status400BadRequest;

    public static ProblemHttpResult From(IReadOnlyList<Error> errors)
    {
        var code = errors[0].Code;
        var (status, title) = Codes.GetValueOrDefault(code, (StatusCodes.Status400BadRequest, "The request is not valid."));
        var detail = errors.Count == 1 ? errors[0].Message : $"{errors.Count} problems were found; see 'errors'.";
        var extensions = new Dictionary<string, object?> { ["traceId"] = Activity.Current?.Id };
        var fieldErrors = errors.Where(e => e.Field is not null).Select(e => new FieldError(e.Field!, e.Message)).ToList();
        if (fieldErrors.Count > 0) extensions["errors"] = fieldErrors;
        return TypedResults.Problem(detail, type: TypePrefix + code, title: title, statusCode: status, extensions: extensions);
    }

    public static ProblemHttpResult From(Error error) => From([error]);

    /// <summary>Writes a problem outside an endpoint (authentication, middleware).</summary>
    public static Task Write(HttpContext context, int status, string code, string detail)
    {
        var result = From(new Error(code, detail));
        result.ProblemDetails.Status = status;
        result.ProblemDetails.Extensions["traceId"] = Activity.Current?.Id ?? context.TraceIdentifier;
        return result.ExecuteAsync(context);
    }

    /// <summary>Writes a problem outside an endpoint with the status of its code, naming its field (e.g. a header).</summary>
    public static Task Write(HttpContext context, Error error)
    {
        var result = From(error);
        result.ProblemDetails.Extensions["traceId"] = Activity.Current?.Id ?? context.TraceIdentifier;
        return result.ExecuteAsync(context);
    }

    public sealed record FieldError(string Field, string Message);
}
