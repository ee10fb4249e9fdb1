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
        await db.Database.MigrateAsync(ct);
        logger.LogInformation("Database ({Provider}) is at migration {Migration}", provider.Name,
            (await db.Database.GetAppliedMigrationsAsync(ct)).LastOrDefault());
    }
}
