namespace CrmApi.Application.Events;

/// <summary>Wakes readers of the event log (long-polling feeds, workers) when events commit in this process.</summary>
public interface IEventSignal
{
    void Notify(Guid workspaceId);

    /// <summary>Completes when the workspace has new events, or after <paramref name="timeout"/>, whichever is first.</summary>
    Task WaitAsync(Guid workspaceId, TimeSpan timeout, CancellationToken ct);

    /// <summary>How many times events have committed in this process so far, in any workspace.</summary>
    long Commits { get; }

    /// <summary>Completes once <see cref="Commits"/> has passed <paramref name="seen"/>, or after <paramref name="timeout"/>.</summary>
    Task WaitAnyAsync(long seen, TimeSpan timeout, CancellationToken ct);
}
