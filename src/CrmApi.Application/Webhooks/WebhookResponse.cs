namespace CrmApi.Application.Webhooks;

/// <summary>What one delivery attempt got back.</summary>
/// <param name="StatusCode">The receiver's status, or null when no response arrived.</param>
/// <param name="Duration">From sending until the response's body prefix was read (or the attempt failed).</param>
/// <param name="BodyPrefix">The start of the response body: its first 1 KB, decoded as UTF-8, at most 1024 characters.</param>
/// <param name="Error">
/// Why the attempt failed without a status (refusal, timeout, connection error), or what went wrong reading the body
/// of a response that did arrive (then <see cref="StatusCode"/> still decides success).
/// </param>
/// <param name="RetryAfter">The receiver's <c>Retry-After</c> on a 429 or 503, as a delay from now; null otherwise.</param>
/// <param name="Refused">
/// The address guard refused to connect (a forbidden address, or a scheme not allowed); <see cref="Error"/> names why.
/// Retrying will not help until the URL or its DNS changes.
/// </param>
public sealed record WebhookResponse(
    int? StatusCode, TimeSpan Duration, string? BodyPrefix, string? Error, TimeSpan? RetryAfter, bool Refused)
{
    /// <summary>Characters kept of a response body.</summary>
    public const int BodyPrefixLength = 1024;

    public bool Succeeded => StatusCode is >= 200 and < 300;
}
