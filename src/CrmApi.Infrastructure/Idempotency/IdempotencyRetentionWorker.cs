using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmApi.Infrastructure.Idempotency;

/// <summary>Runs <see cref="IdempotencyRetention"/> at the configured interval.</summary>
public sealed class IdempotencyRetentionWorker(
    IServiceScopeFactory scopes, IOptions<IdempotencyOptions> options, TimeProvider clock, ILogger<IdempotencyRetentionWorker> logger)
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
                var removed = await scope.ServiceProvider.GetRequiredService<IdempotencyRetention>().PruneAsync(stoppingToken);
                if (removed > 0) logger.LogInformation("Retention removed {Count} idempotency keys", removed);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failed run is retried at the next tick; expired keys are ignored by claims meanwhile.
                logger.LogError(ex, "Idempotency key retention failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
