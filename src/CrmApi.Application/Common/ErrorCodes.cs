namespace CrmApi.Application.Common;

/// <summary>Stable error codes. They appear in problem types and GraphQL error codes: never change a shipped one.</summary>
public static class ErrorCodes
{
    public const string Validation = "validation";
    public const string MalformedJson = "malformed-json";
    public const string NotFound = "not-found";
    public const string Conflict = "conflict";
    public const string PreconditionFailed = "precondition-failed";
    public const string Gone = "gone";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string MethodNotAllowed = "method-not-allowed";
    public const string UnsupportedMediaType = "unsupported-media-type";
    public const string PayloadTooLarge = "payload-too-large";
    public const string IdempotencyKeyReused = "idempotency-key-reused";
    public const string IdempotencyKeyInUse = "idempotency-key-in-use";
    public const string Internal = "internal";
}
