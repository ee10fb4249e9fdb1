namespace CrmApi.Application.Idempotency;

/// <summary>
/// What a retry with the same key gets back: the status, the headers that describe the outcome (the rest are the
/// host's and are written afresh) and the body bytes.
/// </summary>
public sealed record StoredResponse(int StatusCode, string? ContentType, string? Location, string? ETag, byte[] Body);
