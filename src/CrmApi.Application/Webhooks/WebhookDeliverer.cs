using CrmApi.Application.Common;
using CrmApi.Application.Events;
using CrmApi.Domain.Common;
using CrmApi.Domain.Events;
using CrmApi.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace CrmApi.Application.Webhooks;

/// <summary>A message a worker holds the lease of.</summary>
public sealed record ClaimedMessage(Guid Id, Guid WorkspaceId, Guid EndpointId);

/// <summary>
/// Sends queued webhook messages. A worker claims due messages (of any workspace) by writing its lease on them in one
/// conditional update, so two instances never hold one message at once and a dead instance's lease runs out; each
/// claimed message is then sent, signed, in its workspace's scope, and its attempt recorded with the next step of the
/// retry schedule. A 410 disables the endpoint at once; an endpoint whose deliveries have all failed for 5 days is
/// disabled too (<c>webhook.disabled</c>); a message out of retries writes <c>webhook.delivery_exhausted</c>.
/// </summary>
public sealed class WebhookDeliverer(
    ICrmDbContext db, WorkspaceContext workspace, EventRecorder events, IWebhookSender sender, ISecretProtector secrets, IWebhookLeases leases,
    TimeProvider clock)
{
    public static readonly TimeSpan FailingFor = TimeSpan.FromDays(5);

    /// <summary>
    /// Leases up to <paramref name="max"/> due messages to <paramref name="owner"/> for <paramref name="lease"/>, none of
    /// the endpoints in <paramref name="busy"/> (those the worker already has enough of in hand, so a slow one cannot
    /// crowd out the others).
    /// </summary>
    public Task<IReadOnlyList<ClaimedMessage>> ClaimAsync(string owner, int max, TimeSpan lease, IReadOnlyCollection<Guid> busy, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return leases.ClaimAsync(owner, max, now, Record.Truncate(now + lease), busy, ct);
    }

    /// <summary>Sends one claimed message (the current workspace's) and records how it went.</summary>
    public async Task DeliverAsync(Guid messageId, string owner, CancellationToken ct)
    {
        var message = await db.WebhookMessages.FirstOrDefaultAsync(m => m.Id == messageId && m.LeaseOwner == owner, ct);
        if (message is null) return;
        var endpoint = await db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == message.EndpointId, ct);
        var now = clock.GetUtcNow();
        if (endpoint is null || !endpoint.Enabled)
        {
            message.Abandon(now);
            await Writes.SaveAsync(db, ct);
            return;
        }
        var headers = WebhookSigning.Headers(message.EventId.ToString(), now, message.Payload, endpoint.SigningSecrets(now).Select(secrets.Unprotect));
        var response = await sender.SendAsync(new WebhookRequest(new Uri(endpoint.Url), headers, message.Payload), ct);
        var at = clock.GetUtcNow();
        db.WebhookAttempts.Add(new WebhookAttempt(Guid.CreateVersion7(at), workspace.RequiredId, endpoint.Id, message.Id, at, response.StatusCode,
            response.Duration, response.BodyPrefix, response.Error));
        if (response.Succeeded)
        {
            message.Succeeded(response.StatusCode!.Value, at);
        }
        else
        {
            var gone = response.StatusCode == 410;
            // Out of retries is worth an event; gone is the endpoint's end, told by webhook.disabled.
            if (message.Failed(response.StatusCode, at, response.RetryAfter, Random.Shared.NextDouble() * 2 - 1, final: gone) && !gone)
                events.Record(EventTypes.WebhookDeliveryExhausted, "webhook", endpoint.Id, EventRecorder.ToJson(WebhookDeliveryDto.From(message, [])));
            if (gone || await FailingForDaysAsync(endpoint, at, ct))
            {
                if (endpoint.Disable(gone ? "gone" : "failing", at))
                    events.Record(EventTypes.WebhookDisabled, "webhook", endpoint.Id, EventRecorder.ToJson(WebhookDto.From(endpoint)));
            }
        }
        await Writes.SaveAsync(db, ct);
    }

    /// <summary>Every delivery attempt for at least 5 days failed: the endpoint had attempts that long ago and no success since.</summary>
    private async Task<bool> FailingForDaysAsync(WebhookEndpoint endpoint, DateTimeOffset now, CancellationToken ct)
    {
        var since = now - FailingFor;
        return await db.WebhookAttempts.AnyAsync(a => a.EndpointId == endpoint.Id && a.At <= since, ct)
            && !await db.WebhookAttempts.AnyAsync(a => a.EndpointId == endpoint.Id && a.At > since && a.StatusCode >= 200 && a.StatusCode < 300, ct);
    }
}
