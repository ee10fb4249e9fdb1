namespace CrmApi.Application.Events;

/// <summary>Wakes long-polling readers when a workspace's events commit.</summary>
public interface IEventSignal
{
    void Notify(Guid workspaceId);

    /// <summary>Completes when the workspace has new events, or after <paramref name="timeout"/>, whichever is first.</summary>
    Task WaitAsync(Guid workspaceId, TimeSpan timeout, CancellationToken ct);
}
