using CrmApi.Domain.Common;

namespace CrmApi.Domain.Webhooks;

/// <summary>
/// One event to deliver to one endpoint, with its payload fixed when it was queued (retries send the same bytes under the
/// same <c>webhook-id</c>). It is tried until it succeeds or the retry schedule runs out. A worker holds a lease on it
/// while it tries, so one instance at a time sends it; an expired lease (a worker that died) lets another take it.
/// </summary>
public sealed class WebhookMessage : IWorkspaceOwned
{
    private WebhookMessage()
    {
        EventType = Payload = "";
    }

    public WebhookMessage(Guid id, Guid workspaceId, Guid endpointId, Guid eventId, string eventType, long sequence, string payload, DateTimeOffset now)
    {
        Id = id;
        WorkspaceId = workspaceId;
        EndpointId = endpointId;
        EventId = eventId;
        EventType = eventType;
        Sequence = sequence;
        Payload = payload;
        State = WebhookMessageState.Pending;
        CreatedAt = Record.Truncate(now);
        NextAttemptAt = CreatedAt;
    }

    public Guid Id { get; private set; }
    public Guid WorkspaceId { get; private set; }
    public Guid EndpointId { get; private set; }
    /// <summary>The event it carries; also the <c>webhook-id</c> of every attempt.</summary>
    public Guid EventId { get; private set; }
    public string EventType { get; private set; }
    public long Sequence { get; private set; }
    public string Payload { get; private set; }
    public WebhookMessageState State { get; private set; }
    public int Attempts { get; private set; }
    /// <summary>When it is due next; null once it succeeded or failed for good.</summary>
    public DateTimeOffset? NextAttemptAt { get; private set; }
    public DateTimeOffset? LastAttemptAt { get; private set; }
    public int? LastStatusCode { get; private set; }
    public string? LeaseOwner { get; private set; }
    public DateTimeOffset? LeaseUntil { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>An attempt succeeded: done.</summary>
    public void Succeeded(int status, DateTimeOffset at)
    {
        Attempt(status, at);
        State = WebhookMessageState.Succeeded;
        NextAttemptAt = null;
        CompletedAt = Record.Truncate(at);
    }

    /// <summary>
    /// An attempt failed: the next one is scheduled (<paramref name="retryAfter"/>, when the receiver asked for one, if it
    /// is later than the schedule's), or the message has failed for good when the schedule has run out or
    /// <paramref name="final"/> says no retry can help. Returns whether it failed for good.
    /// </summary>
    public bool Failed(int? status, DateTimeOffset at, TimeSpan? retryAfter, double jitter, bool final = false)
    {
        Attempt(status, at);
        var delay = final ? null : WebhookRetrySchedule.DelayAfter(Attempts, jitter);
        if (delay is not { } d)
        {
            State = WebhookMessageState.Failed;
            NextAttemptAt = null;
            CompletedAt = Record.Truncate(at);
            return true;
        }
        if (retryAfter is { } asked && asked > d) d = asked < WebhookRetrySchedule.RetryAfterMax ? asked : WebhookRetrySchedule.RetryAfterMax;
        NextAttemptAt = Record.Truncate(at + d);
        return false;
    }

    /// <summary>Gives up without trying: its endpoint is disabled. Recovering it after the endpoint is enabled sends it.</summary>
    public void Abandon(DateTimeOffset at)
    {
        State = WebhookMessageState.Failed;
        NextAttemptAt = null;
        CompletedAt = Record.Truncate(at);
        LeaseOwner = null;
        LeaseUntil = null;
    }

    /// <summary>Queues a message again on request (retry, recover): it is due now and gets a fresh schedule.</summary>
    public void Requeue(DateTimeOffset now)
    {
        State = WebhookMessageState.Pending;
        Attempts = 0;
        NextAttemptAt = Record.Truncate(now);
        CompletedAt = null;
        LeaseOwner = null;
        LeaseUntil = null;
    }

    private void Attempt(int? status, DateTimeOffset at)
    {
        Attempts++;
        LastAttemptAt = Record.Truncate(at);
        LastStatusCode = status;
        LeaseOwner = null;
        LeaseUntil = null;
    }
}

public enum WebhookMessageState
{
    Pending,
    Succeeded,
    Failed,
}
