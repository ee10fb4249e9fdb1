using System.Collections.Concurrent;
using System.Diagnostics;
using CrmApi.Application.Events;
using CrmApi.Application.Webhooks;
using CrmApi.Infrastructure.Housekeeping;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmApi.Infrastructure.Webhooks;

/// <summary>
/// Delivers webhooks: queues messages from each workspace's new events, then claims due messages and sends them, each
/// in a scope of its own, at most <see cref="WebhookOptions.MaxConnectionsPerEndpoint"/> at once per endpoint, without
/// waiting for a slow endpoint before claiming more for the others. What it holds when it stops or dies is leased only
/// until the lease runs out, then sent by whichever instance claims it next: delivery is at least once.
/// It wakes when events commit in this process and when a delivery ends, and otherwise looks every
/// <see cref="WebhookDeliveryOptions.PollInterval"/> (for other instances' events and for retries coming due).
/// </summary>
public sealed class WebhookWorker(
    IServiceScopeFactory scopes, IEventSignal signal, IOptions<WebhookDeliveryOptions> options, IOptions<WebhookOptions> network,
    ILogger<WebhookWorker> logger)
    : BackgroundService
{
    /// <summary>Who holds a lease: this worker of this process (a restarted process is another owner).</summary>
    private readonly string _owner = Owner();
    private readonly ConcurrentDictionary<Guid, int> _inFlight = new();
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _perEndpoint = new();
    private int _total;
    /// <summary>
    /// The endpoints skipped by the last claim, when it came back with less than it asked for, and when (a timestamp):
    /// until one of them has room again, new messages are queued or the poll interval passes, claiming again would read
    /// the same rows for nothing. Only the worker's loop touches it.
    /// </summary>
    private (HashSet<Guid> Skipped, long At)? _dry;
    private TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static string Owner()
    {
        var owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
        return owner.Length <= 100 ? owner : owner[^100..];
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var o = options.Value;
        if (!o.RunWorker) return;
        var seen = -1L;
        var read = 0;
        var lastDispatch = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            var ended = Interlocked.Exchange(ref _ended, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            var claimed = 0;
            try
            {
                var commits = signal.Commits;
                // A full batch leaves more to read; otherwise new events are read when this process commits some, and
                // at the poll interval for those of other instances.
                if (read > 0 || commits != seen || DateTimeOffset.UtcNow - lastDispatch >= o.PollInterval)
                {
                    seen = commits;
                    lastDispatch = DateTimeOffset.UtcNow;
                    read = await DispatchAsync(stoppingToken);
                }
                claimed = await StartDeliveriesAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                read = 0;
                logger.LogError(ex, "Webhook worker round failed");
            }
            if (read == 0 && claimed == 0)
                await Task.WhenAny(signal.WaitAnyAsync(seen, o.PollInterval, stoppingToken), ended.Task).WaitAsync(stoppingToken);
        }
    }

    /// <summary>Queues messages for every workspace's new events; returns how many events were read.</summary>
    public async Task<int> DispatchAsync(CancellationToken ct)
    {
        List<Guid> workspaces;
        await using (var scope = scopes.CreateAsyncScope())
            workspaces = await scope.ServiceProvider.GetRequiredService<WebhookDispatcher>().WorkspacesAsync(ct);
        var read = 0;
        foreach (var id in workspaces)
        {
            await using var scope = scopes.CreateWorkspaceScope(id);
            read += await scope.ServiceProvider.GetRequiredService<WebhookDispatcher>().DispatchAsync(ct);
        }
        if (read > 0) _dry = null;
        return read;
    }

    /// <summary>
    /// Claims due messages and starts sending them in batches of one endpoint each (not waiting for them); returns how
    /// many it claimed. An endpoint with two batches in hand gets no more until one ends.
    /// </summary>
    public async Task<int> StartDeliveriesAsync(CancellationToken ct)
    {
        var o = options.Value;
        var total = Volatile.Read(ref _total);
        var room = o.MaxInFlight - total;
        // Claims wait for half the room: claiming the few messages each ending batch frees would split them over the
        // endpoints into batches of one or two, each paying a scope, its reads and its save.
        if (room <= 0 || (total > 0 && room < (o.MaxInFlight + 1) / 2)) return 0;
        var full = _inFlight.Where(p => p.Value >= BatchSize * 2).Select(p => p.Key).ToHashSet();
        if (_dry is { } dry && dry.Skipped.IsSubsetOf(full) && Stopwatch.GetElapsedTime(dry.At) < o.PollInterval) return 0;
        IReadOnlyList<ClaimedMessage> claimed;
        await using (var scope = scopes.CreateAsyncScope())
            claimed = await scope.ServiceProvider.GetRequiredService<WebhookDeliverer>().ClaimAsync(_owner, room, o.Lease, full, ct);
        _dry = claimed.Count < room ? (full, Stopwatch.GetTimestamp()) : null;
        foreach (var batch in Batches(claimed))
        {
            Interlocked.Add(ref _total, batch.Length);
            _inFlight.AddOrUpdate(batch[0].EndpointId, batch.Length, (_, n) => n + batch.Length);
            _ = Task.Run(() => DeliverAsync(batch, ct), CancellationToken.None);
        }
        return claimed.Count;
    }

    /// <summary>Claims and sends due messages until none is left, waiting for each round: for tests and tools.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken ct)
    {
        var sent = 0;
        while (true)
        {
            await DispatchAsync(ct);
            IReadOnlyList<ClaimedMessage> claimed;
            await using (var scope = scopes.CreateAsyncScope())
                claimed = await scope.ServiceProvider.GetRequiredService<WebhookDeliverer>().ClaimAsync(_owner, options.Value.MaxInFlight, options.Value.Lease, [], ct);
            if (claimed.Count == 0) return sent;
            await Task.WhenAll(Batches(claimed).Select(b => SendAsync(b, ct)));
            sent += claimed.Count;
        }
    }

    /// <summary>
    /// Messages sent and recorded together: one endpoint's, several times as many as it takes at once, so a batch's fixed
    /// cost (scope, endpoint and secrets, reads, save) is spread over many deliveries; small enough that a receiver at the
    /// timeout gets through a batch well within the lease, and holds a small share of <see cref="WebhookDeliveryOptions.MaxInFlight"/>.
    /// </summary>
    private int BatchSize => network.Value.MaxConnectionsPerEndpoint * 8;

    private IEnumerable<ClaimedMessage[]> Batches(IReadOnlyList<ClaimedMessage> claimed)
        => claimed.GroupBy(m => (m.WorkspaceId, m.EndpointId)).SelectMany(g => g.Chunk(BatchSize));

    private async Task DeliverAsync(ClaimedMessage[] batch, CancellationToken ct)
    {
        try
        {
            await SendAsync(batch, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The leases run out and the messages are tried again.
            logger.LogError(ex, "Webhook delivery of {Count} message(s) to {Endpoint} failed", batch.Length, batch[0].EndpointId);
        }
        finally
        {
            _inFlight.AddOrUpdate(batch[0].EndpointId, 0, (_, n) => n - batch.Length);
            Interlocked.Add(ref _total, -batch.Length);
            Volatile.Read(ref _ended).TrySetResult();
        }
    }

    private async Task SendAsync(ClaimedMessage[] batch, CancellationToken ct)
    {
        var gate = _perEndpoint.GetOrAdd(batch[0].EndpointId, _ => new SemaphoreSlim(network.Value.MaxConnectionsPerEndpoint));
        await using var scope = scopes.CreateWorkspaceScope(batch[0].WorkspaceId);
        await scope.ServiceProvider.GetRequiredService<WebhookDeliverer>()
            .DeliverAsync(batch[0].EndpointId, [.. batch.Select(m => m.Id)], _owner, gate, ct);
    }
}
