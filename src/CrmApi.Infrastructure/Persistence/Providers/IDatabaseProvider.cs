using Microsoft.EntityFrameworkCore;

namespace CrmApi.Infrastructure.Persistence.Providers;

/// <summary>
/// Everything that differs between databases, in one small seam: options, type mappings, how a unique violation
/// looks, and whether writes must queue. Adding SQL Server means one more implementation.
/// </summary>
public interface IDatabaseProvider
{
    string Name { get; }
    IWriteGate WriteGate { get; }
    void Configure(DbContextOptionsBuilder options, string connectionString);
    void ConfigureConventions(ModelConfigurationBuilder conventions);
    bool IsUniqueViolation(DbUpdateException exception, out string? constraint);
    /// <summary>Work to do once when the host starts, before migrations (e.g. journal mode, creating a data folder).</summary>
    Task PrepareAsync(string connectionString, CancellationToken ct);
}
