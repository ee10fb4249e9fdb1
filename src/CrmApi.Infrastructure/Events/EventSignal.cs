using System.Collections.Concurrent;
using CrmApi.Application.Events;

namespace CrmApi.Infrastructure.Events;

/// <summary>
/// In-process wake-ups for long-polling feed readers. Another API instance's commits are not seen here, so readers
/// also re-check the database at a short interval (see the feed).
/// </summary>
public sealed class EventSignal : IEventSignal
{
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> _waiters = new();

    public void Notify(Guid workspaceId)
    {
        if (_waiters.TryRemove(workspaceId, out var tcs)) tcs.TrySetResult();
    }

    public async Task WaitAsync(Guid workspaceId, TimeSpan timeout, CancellationToken ct)
    {
        var tcs = _waiters.GetOrAdd(workspaceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            await tcs.Task.WaitAsync(timeout, ct);
        }
        catch (TimeoutException)
        {
            // Nothing new in time: the caller re-reads and answers.
        }
    }
}
