namespace CrmApi.Application.Webhooks;

/// <summary>
/// Sends one webhook request and reports what happened. Network failures, timeouts and refusals by the address guard
/// come back as a <see cref="WebhookResponse"/>, never as exceptions; only the caller's cancellation throws.
/// </summary>
public interface IWebhookSender
{
    Task<WebhookResponse> SendAsync(WebhookRequest request, CancellationToken ct);
}
