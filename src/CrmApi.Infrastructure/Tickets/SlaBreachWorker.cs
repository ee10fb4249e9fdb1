using CrmApi.Application.Tickets;
using CrmApi.Infrastructure.Housekeeping;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmApi.Infrastructure.Tickets;

/// <summary>
/// Reports SLA breaches as they happen: at each check it finds the tickets, of every workspace, with a target due and
/// not yet reported, and has each recorded in a scope of its own (the ticket's workspace, acting as the system). The
/// breach rows make each report happen once, whichever instance gets there first and however often the process restarts;
/// a ticket due while the process was down is reported at the first check after it starts.
/// </summary>
public sealed class SlaBreachWorker(IServiceScopeFactory scopes, IOptions<SlaOptions> options, TimeProvider clock, ILogger<SlaBreachWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var timer = new PeriodicTimer(options.Value.CheckInterval, clock);
        do
        {
            try
            {
                var recorded = await CheckAsync(stoppingToken);
                if (recorded > 0) logger.LogInformation("Recorded {Count} SLA breach(es)", recorded);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The breaches are still due at the next check.
                logger.LogError(ex, "SLA breach check failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One check: every due ticket found is handled before it returns.</summary>
    public async Task<int> CheckAsync(CancellationToken ct)
    {
        IReadOnlyList<DueTicket> due;
        await using (var scope = scopes.CreateAsyncScope())
            due = await scope.ServiceProvider.GetRequiredService<TicketSlaDue>().FindAsync(ct);
        var recorded = 0;
        foreach (var ticket in due)
        {
            await using var scope = scopes.CreateWorkspaceScope(ticket.WorkspaceId);
            recorded += await scope.ServiceProvider.GetRequiredService<TicketHandlers>().RecordBreachesAsync(ticket.TicketId, ct);
        }
        return recorded;
    }
}
