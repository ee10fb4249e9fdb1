namespace CrmApi.Application.Common;

/// <summary>A failure a client caused or can act on. <paramref name="Field"/> is a JSON path such as <c>emails[0].value</c>.</summary>
public sealed record Error(string Code, string Message, string? Field = null)
{
    public static Error Validation(string field, string message) => new(ErrorCodes.Validation, message, field);
    public static Error NotFound(string what) => new(ErrorCodes.NotFound, $"The {what} does not exist.");
    public static Error Conflict(string message, string? field = null) => new(ErrorCodes.Conflict, message, field);
    public static Error PreconditionFailed() =>
        new(ErrorCodes.PreconditionFailed, "The record has changed since the version given in If-Match.");
}
