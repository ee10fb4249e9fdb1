using System.Runtime.CompilerServices;
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
    IWebhookQueue queue, TimeProvider clock)
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

    /// <summary>
    /// Sends claimed messages of one endpoint (of the current workspace), as many at once as <paramref name="gate"/> lets
    /// through, each signed just before it goes, and records how each went in one unit of work. After a 410 the messages
    /// not yet sent are not sent: the endpoint is gone. Returns how many messages it handled.
    /// The messages are read without tracking and their outcomes written in bulk (<see cref="IWebhookQueue.RecordAsync"/>);
    /// a batch that also writes an event or disables its endpoint saves everything through the context, in one unit.
    /// </summary>
    public async Task<int> DeliverAsync(Guid endpointId, IReadOnlyCollection<Guid> messageIds, string owner, SemaphoreSlim gate, CancellationToken ct)
    {
        var ids = messageIds.ToList();
        var messages = await db.WebhookMessages.AsNoTracking().Where(m => ids.Contains(m.Id) && m.LeaseOwner == owner)
            .OrderBy(m => m.NextAttemptAt).ToListAsync(ct);
        if (messages.Count == 0) return 0;
        var endpoint = await db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == endpointId, ct);
        var now = clock.GetUtcNow();
        if (endpoint is null || !endpoint.Enabled)
        {
            foreach (var message in messages) message.Abandon(now);
            await queue.RecordAsync(messages, [], ct);
            return messages.Count;
        }
        var signing = endpoint.SigningSecrets(now).Select(secrets.Unprotect).ToList();
        var url = new Uri(endpoint.Url);
        var gone = new StrongBox<bool>();
        var outcomes = await Task.WhenAll(messages.Select(m => SendAsync(m, url, signing, gate, gone, ct)));

        var failed = false;
        var succeeded = false;
        var recorded = false;
        var last = now;
        var attempts = new List<WebhookAttempt>(outcomes.Length);
        foreach (var (message, response, at) in outcomes)
        {
            last = at > last ? at : last;
            if (response is null)
            {
                message.Abandon(at);
                continue;
            }
            attempts.Add(new WebhookAttempt(Guid.CreateVersion7(at), workspace.RequiredId, endpoint.Id, message.Id, at, response.StatusCode,
                response.Duration, response.BodyPrefix, response.Error));
            if (response.Succeeded)
            {
                succeeded = true;
                message.Succeeded(response.StatusCode!.Value, at);
                continue;
            }
            failed = true;
            var isGone = response.StatusCode == 410;
            // Out of retries is worth an event; gone is the endpoint's end, told by webhook.disabled.
            if (message.Failed(response.StatusCode, at, response.RetryAfter, Random.Shared.NextDouble() * 2 - 1, final: isGone) && !isGone)
            {
                events.Record(EventTypes.WebhookDeliveryExhausted, "webhook", endpoint.Id, EventRecorder.ToJson(WebhookDeliveryDto.From(message, [])));
                recorded = true;
            }
        }
        var reason = gone.Value ? "gone" : failed && !succeeded && await FailingForDaysAsync(endpoint, last, ct) ? "failing" : null;
        if (reason is not null && endpoint.Disable(reason, last))
        {
            events.Record(EventTypes.WebhookDisabled, "webhook", endpoint.Id, EventRecorder.ToJson(WebhookDto.From(endpoint)));
            recorded = true;
        }
        if (recorded)
        {
            db.WebhookMessages.UpdateRange(messages);
            db.WebhookAttempts.AddRange(attempts);
            await Writes.SaveAsync(db, ct);
        }
        else
        {
            await queue.RecordAsync(messages, attempts, ct);
        }
        return messages.Count;
    }

    /// <summary>Sends one message when the gate lets it; no response when the endpoint turned out gone before its turn.</summary>
    private async Task<(WebhookMessage Message, WebhookResponse? Response, DateTimeOffset At)> SendAsync(
        WebhookMessage message, Uri url, IReadOnlyList<string> signing, SemaphoreSlim gate, StrongBox<bool> gone, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            if (Volatile.Read(ref gone.Value)) return (message, null, clock.GetUtcNow());
            var headers = WebhookSigning.Headers(message.EventId.ToString(), clock.GetUtcNow(), message.Payload, signing);
            var response = await sender.SendAsync(new WebhookRequest(url, headers, message.Payload), ct);
            if (response.StatusCode == 410) Volatile.Write(ref gone.Value, true);
            return (message, response, clock.GetUtcNow());
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Every delivery attempt for at least 5 days failed: the endpoint had attempts that long ago and no success since.</summary>
    private async Task<bool> FailingForDaysAsync(WebhookEndpoint endpoint, DateTimeOffset now, CancellationToken ct)
    {
        var since = now - FailingFor;
        return await db.WebhookAttempts.AnyAsync(a => a.EndpointId == endpoint.Id && a.At <= since, ct)
            && !await db.WebhookAttempts.AnyAsync(a => a.EndpointId == endpoint.Id && a.At > since && a.StatusCode >= 200 && a.StatusCode < 300, ct);
    }
}
