using CrmApi.Infrastructure.Persistence.Bulk;
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
    /// <summary>Model settings of this database alone, after the shared configurations.</summary>
    void ConfigureModel(ModelBuilder model) { }
    /// <summary>Whether the database's own exception (a <c>DbUpdateException</c>'s inner one) is a taken unique key.</summary>
    bool IsUniqueViolation(Exception? exception, out string? constraint);
    /// <summary>
    /// Adds <paramref name="count"/> to the workspace's last event position inside the current transaction, locking its
    /// row until commit, and returns the new last position.
    /// </summary>
    Task<long> ReserveSequenceAsync(DbContext db, Guid workspaceId, int count, CancellationToken ct)
        => SequenceReservation.ReserveAsync(db, workspaceId, count, ct);

    /// <summary>Inserts many new rows with the database's own bulk path, on the context's connection and in its transaction.</summary>
    Task BulkInsertAsync(DbContext db, BulkTable table, IReadOnlyList<object> rows, CancellationToken ct);

    /// <summary>Work to do once when the host starts, before migrations (e.g. journal mode, creating a data folder).</summary>
    Task PrepareAsync(string connectionString, CancellationToken ct);
}
