using CrmApi.Application.Events;
using CrmApi.Application.Segments;
using CrmApi.Infrastructure.Housekeeping;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmApi.Infrastructure.Segments;

/// <summary>
/// Keeps every workspace's segments current: builds new filters and applies new events, each workspace in a scope of
/// its own, waking when events commit in this process and otherwise every <see cref="SegmentOptions.PollInterval"/>.
/// </summary>
public sealed class SegmentWorker(IServiceScopeFactory scopes, IEventSignal signal, IOptions<SegmentOptions> options, ILogger<SegmentWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var o = options.Value;
        if (!o.RunWorker) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            var seen = signal.Commits;
            try
            {
                await CatchUpAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Segment worker round failed");
            }
            await signal.WaitAnyAsync(seen, o.PollInterval, stoppingToken);
        }
    }

    /// <summary>Brings every workspace's segments up to date with the event log as it is now; returns the steps taken.</summary>
    public async Task<int> CatchUpAsync(CancellationToken ct)
    {
        List<Guid> workspaces;
        await using (var scope = scopes.CreateAsyncScope())
            workspaces = await scope.ServiceProvider.GetRequiredService<SegmentEngine>().WorkspacesAsync(ct);
        var steps = 0;
        foreach (var id in workspaces)
        {
            while (true)
            {
                await using var scope = scopes.CreateWorkspaceScope(id);
                if (!await scope.ServiceProvider.GetRequiredService<SegmentEngine>().StepAsync(options.Value.TimeCheckInterval, ct)) break;
                steps++;
            }
        }
        return steps;
    }
}
