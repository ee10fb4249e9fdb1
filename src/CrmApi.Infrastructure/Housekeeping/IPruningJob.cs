namespace CrmApi.Infrastructure.Housekeeping;

/// <summary>Removes what has outlived its retention; run periodically by <see cref="PruningWorker{TJob}"/>.</summary>
public interface IPruningJob
{
    /// <summary>What is removed, for the log: "events", "idempotency keys".</summary>
    string What { get; }

    TimeSpan Interval { get; }

    /// <summary>Returns how many rows were removed.</summary>
    Task<int> PruneAsync(CancellationToken ct);
}
