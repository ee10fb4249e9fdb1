using System.Text.Json;

namespace CrmApi.Application.Webhooks;

/// <summary>
/// A webhook endpoint as a client writes it. <c>eventTypes</c> are patterns (<c>deal.*</c>, <c>ticket.created</c>,
/// <c>*</c>); <c>enabled</c> defaults to true.
/// </summary>
public sealed class WebhookInput
{
    public string? Url { get; init; }
    public List<string?>? EventTypes { get; init; }
    public JsonElement? Filter { get; init; }
    public string? Description { get; init; }
    public bool? Enabled { get; init; }
}

/// <summary>The body of <c>POST /webhooks/{id}/recover</c>: every message that failed for good since then is sent again.</summary>
public sealed class RecoverInput
{
    public DateTimeOffset? Since { get; init; }
}
