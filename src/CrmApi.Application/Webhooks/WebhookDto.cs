using System.Text.Json;
using System.Text.Json.Serialization;
using CrmApi.Domain.Webhooks;

namespace CrmApi.Application.Webhooks;

/// <summary>
/// A webhook endpoint. <c>secret</c> (<c>whsec_…</c>) appears once, in the answer to the create or the rotation that made
/// it; reads never show it. <c>disabledReason</c>: <c>manual</c>, <c>gone</c> (the receiver answered 410) or
/// <c>failing</c> (every delivery failed for 5 days).
/// </summary>
public sealed record WebhookDto(
    Guid Id,
    string Url,
    IReadOnlyList<string> EventTypes,
    JsonElement? Filter,
    string? Description,
    bool Enabled,
    string? DisabledReason,
    DateTimeOffset? DisabledAt,
    DateTimeOffset? PreviousSecretExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version) : Records.IRecordDto
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Secret { get; init; }

    public static WebhookDto From(WebhookEndpoint e) => new(
        e.Id, e.Url, [.. e.EventTypes], e.Filter is null ? null : JsonDocument.Parse(e.Filter).RootElement.Clone(), e.Description, e.Enabled,
        e.DisabledReason, e.DisabledAt, e.PreviousSecretExpiresAt, e.CreatedAt, e.UpdatedAt, e.Version);
}

/// <summary>
/// One message of the delivery log: the event it carries, every attempt, when it is due next and how it ended
/// (<c>pending</c>, <c>succeeded</c>, <c>failed</c>).
/// </summary>
public sealed record WebhookDeliveryDto(
    Guid Id,
    Guid WebhookId,
    Guid EventId,
    string EventType,
    long Sequence,
    WebhookMessageState State,
    int AttemptCount,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    IReadOnlyList<WebhookAttemptDto> Attempts)
{
    public static WebhookDeliveryDto From(WebhookMessage m, IEnumerable<WebhookAttempt> attempts) => new(
        m.Id, m.EndpointId, m.EventId, m.EventType, m.Sequence, m.State, m.Attempts, m.NextAttemptAt, m.CreatedAt, m.CompletedAt,
        [.. attempts.OrderBy(a => a.At).ThenBy(a => a.Id).Select(WebhookAttemptDto.From)]);
}

/// <summary>One attempt: when, the status (null when no answer came), how long, the first 1 KB of the answer, or the error.</summary>
public sealed record WebhookAttemptDto(DateTimeOffset At, int? StatusCode, int DurationMs, string? ResponseBody, string? Error)
{
    public static WebhookAttemptDto From(WebhookAttempt a) => new(a.At, a.StatusCode, a.DurationMs, a.ResponseBody, a.Error);
}
