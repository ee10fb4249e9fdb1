using CrmApi.Infrastructure.Housekeeping;
using CrmApi.Infrastructure.Persistence;
using CrmApi.Infrastructure.Persistence.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmApi.Infrastructure.Idempotency;

/// <summary>Removes keys older than the retention; claims treat them as absent already, this keeps the table small.</summary>
public sealed class IdempotencyRetention(
    CrmDbContext db, IDatabaseProvider provider, IOptions<IdempotencyOptions> options, TimeProvider clock) : IPruningJob
{
    public string What => "idempotency keys";
    public TimeSpan Interval => options.Value.PruneInterval;

    /// <summary>Returns how many keys were removed.</summary>
    public async Task<int> PruneAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow() - options.Value.Retention;
        using (await provider.WriteGate.EnterAsync(ct))
            return await db.Set<IdempotencyRecord>().Where(r => r.CreatedAt <= cutoff).ExecuteDeleteAsync(ct);
    }
}
