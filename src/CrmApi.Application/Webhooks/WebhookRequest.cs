namespace CrmApi.Application.Webhooks;

/// <summary>
/// A webhook POST: the target, extra headers (for example <c>webhook-id</c>, <c>webhook-timestamp</c>,
/// <c>webhook-signature</c>) and a JSON body, sent as <c>application/json</c> in UTF-8.
/// </summary>
public sealed record WebhookRequest(Uri Url, IReadOnlyList<KeyValuePair<string, string>> Headers, string Body);
