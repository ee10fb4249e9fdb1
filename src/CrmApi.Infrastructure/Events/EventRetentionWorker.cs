using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmApi.Infrastructure.Events;

/// <summary>Runs <see cref="EventRetention"/> at the configured interval.</summary>
public sealed class EventRetentionWorker(
    IServiceScopeFactory scopes, IOptions<EventOptions> options, TimeProvider clock, ILogger<EventRetentionWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PruneInterval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var removed = await scope.ServiceProvider.GetRequiredService<EventRetention>().PruneAsync(stoppingToken);
                if (removed > 0) logger.LogInformation("Retention removed {Count} events", removed);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failed run is retried at the next tick; the log keeps growing meanwhile, which is safe.
                logger.LogError(ex, "Event retention failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
