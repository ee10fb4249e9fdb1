namespace CrmApi.Application.Idempotency;

/// <summary>
/// Where <c>Idempotency-Key</c>s and the responses they produced are kept, per workspace and key. A key is claimed
/// before its request runs, so of two concurrent requests with one key exactly one runs; the claim then either records
/// the response (a retry gets it again) or is released (a retry runs again).
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>
    /// Claims <paramref name="key"/> in <paramref name="workspaceId"/> for a request with <paramref name="fingerprint"/>.
    /// Returns <see cref="IdempotencyClaimState.Claimed"/> when this request now holds the key; otherwise what the
    /// holder left: still running, or completed with its response. A row older than the retention counts as absent.
    /// </summary>
    Task<IdempotencyClaim> ClaimAsync(Guid workspaceId, string key, string fingerprint, CancellationToken ct);

    /// <summary>Records the response of a claimed request; retries within the retention get it instead of running.</summary>
    Task CompleteAsync(Guid claimId, StoredResponse response, CancellationToken ct);

    /// <summary>Gives a claimed key up without an outcome (the request failed on our side), so a retry runs again.</summary>
    Task ReleaseAsync(Guid claimId, CancellationToken ct);
}
