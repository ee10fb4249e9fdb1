using System.Collections.Concurrent;
using CrmApi.Application.Events;

namespace CrmApi.Infrastructure.Events;

/// <summary>
/// In-process wake-ups for readers of the event log. Another API instance's commits are not seen here, so readers also
/// re-check the database at a short interval (see the feed and the webhook worker).
/// </summary>
public sealed class EventSignal : IEventSignal
{
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> _waiters = new();
    private TaskCompletionSource _any = New();
    private long _commits;

    public long Commits => Interlocked.Read(ref _commits);

    public void Notify(Guid workspaceId)
    {
        Interlocked.Increment(ref _commits);
        Interlocked.Exchange(ref _any, New()).TrySetResult();
        if (_waiters.TryRemove(workspaceId, out var tcs)) tcs.TrySetResult();
    }

    public async Task WaitAsync(Guid workspaceId, TimeSpan timeout, CancellationToken ct)
    {
        var tcs = _waiters.GetOrAdd(workspaceId, _ => New());
        await Quietly(tcs.Task, timeout, ct);
    }

    public async Task WaitAnyAsync(long seen, TimeSpan timeout, CancellationToken ct)
    {
        var next = Volatile.Read(ref _any);
        if (Commits > seen) return;
        await Quietly(next.Task, timeout, ct);
    }

    private static async Task Quietly(Task task, TimeSpan timeout, CancellationToken ct)
    {
        try
        {
            await task.WaitAsync(timeout, ct);
        }
        catch (TimeoutException)
        {
            // Nothing new in time: the caller re-reads and answers.
        }
    }

    private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
