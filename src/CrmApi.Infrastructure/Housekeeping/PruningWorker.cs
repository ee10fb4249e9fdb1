using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrmApi.Infrastructure.Housekeeping;

/// <summary>Runs a pruning job at once and then at its interval, each run in a scope of its own.</summary>
public sealed class PruningWorker<TJob>(IServiceScopeFactory scopes, TimeProvider clock, ILogger<PruningWorker<TJob>> logger)
    : BackgroundService where TJob : IPruningJob
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The host starts its workers one after another before it listens: the first run must not hold that up.
        await Task.Yield();
        TimeSpan interval;
        await using (var scope = scopes.CreateAsyncScope())
            interval = scope.ServiceProvider.GetRequiredService<TJob>().Interval;
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var job = scope.ServiceProvider.GetRequiredService<TJob>();
                var removed = await job.PruneAsync(stoppingToken);
                if (removed > 0) logger.LogInformation("Retention removed {Count} {What}", removed, job.What);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failed run is retried at the next tick; what it would have removed is ignored by readers meanwhile.
                logger.LogError(ex, "Retention run of {Job} failed", typeof(TJob).Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
