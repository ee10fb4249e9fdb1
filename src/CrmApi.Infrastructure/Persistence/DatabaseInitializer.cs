using CrmApi.Infrastructure.Persistence.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CrmApi.Infrastructure.Persistence;

/// <summary>Prepares the database file or server and applies EF Core migrations.</summary>
public sealed class DatabaseInitializer(CrmDbContext db, IDatabaseProvider provider, ILogger<DatabaseInitializer> logger)
{
    public async Task MigrateAsync(CancellationToken ct)
    {
        await provider.PrepareAsync(db.Database.GetConnectionString()!, ct);
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0) logger.LogInformation("Applying {Count} migrations on {Provider}", pending.Count, provider.Name);
        await db.Database.MigrateAsync(ct);
    }
}
