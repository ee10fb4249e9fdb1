namespace CrmApi.Infrastructure.Persistence.Providers;

/// <summary>
/// One writer at a time, queued in process. SQLite allows one writer per file; without this, concurrent writers wait
/// on the file lock with busy-retries (up to the 30 s timeout) and p99 latency reaches seconds.
/// </summary>
public sealed class SingleWriterGate : IWriteGate, IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(1, 1);

    public async ValueTask<IDisposable> EnterAsync(CancellationToken ct)
    {
        await _semaphore.WaitAsync(ct);
        return new Releaser(_semaphore);
    }

    public void Dispose() => _semaphore.Dispose();

    private sealed class Releaser(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) semaphore.Release();
        }
    }
}

/// <summary>For databases with row-level locking: writers go straight through.</summary>
public sealed class OpenWriteGate : IWriteGate
{
    private static readonly IDisposable Nothing = new NoopDisposable();

    public ValueTask<IDisposable> EnterAsync(CancellationToken ct) => ValueTask.FromResult(Nothing);

    private sealed class NoopDisposable : IDisposable
    {
        public void Dispose() { }
    }
}
