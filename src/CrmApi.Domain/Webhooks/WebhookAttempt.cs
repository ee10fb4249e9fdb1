using CrmApi.Domain.Common;

namespace CrmApi.Domain.Webhooks;

/// <summary>One try at delivering a message: when, what came back (status, first 1 KB of the body) or what went wrong, how long it took.</summary>
public sealed class WebhookAttempt : IWorkspaceOwned
{
    public const int BodyMax = 1024;

    private WebhookAttempt() { }

    public WebhookAttempt(Guid id, Guid workspaceId, Guid endpointId, Guid messageId, DateTimeOffset at, int? statusCode, TimeSpan duration, string? responseBody, string? error)
    {
        Id = id;
        WorkspaceId = workspaceId;
        EndpointId = endpointId;
        MessageId = messageId;
        At = Record.Truncate(at);
        StatusCode = statusCode;
        DurationMs = (int)Math.Min(int.MaxValue, Math.Round(duration.TotalMilliseconds));
        ResponseBody = responseBody is { Length: > BodyMax } ? responseBody[..BodyMax] : responseBody;
        Error = error is { Length: > 500 } ? error[..500] : error;
    }

    public Guid Id { get; private set; }
    public Guid WorkspaceId { get; private set; }
    public Guid EndpointId { get; private set; }
    public Guid MessageId { get; private set; }
    public DateTimeOffset At { get; private set; }
    public int? StatusCode { get; private set; }
    public int DurationMs { get; private set; }
    public string? ResponseBody { get; private set; }
    public string? Error { get; private set; }
}

/// <summary>How far the workspace's event log has been turned into webhook messages.</summary>
public sealed class WebhookCheckpoint : IWorkspaceOwned
{
    private WebhookCheckpoint() { }

    public WebhookCheckpoint(Guid workspaceId, long lastSequence)
    {
        WorkspaceId = workspaceId;
        LastSequence = lastSequence;
    }

    public Guid WorkspaceId { get; private set; }
    public long LastSequence { get; private set; }
    /// <summary>Moves on with every batch: two dispatchers racing on one workspace cannot both save theirs.</summary>
    public long Version { get; private set; }

    public void Advance(long to)
    {
        if (to <= LastSequence) return;
        LastSequence = to;
        Version++;
    }
}
