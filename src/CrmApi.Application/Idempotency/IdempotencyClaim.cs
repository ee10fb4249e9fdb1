namespace CrmApi.Application.Idempotency;

/// <summary>
/// The answer to a claim. <see cref="Id"/> is the claimed row (complete or release it by this id, so a request never
/// touches a row that replaced its own); <see cref="Fingerprint"/> is that of the request holding the key;
/// <see cref="Response"/> is set once that request completed.
/// </summary>
public sealed record IdempotencyClaim(IdempotencyClaimState State, Guid Id, string Fingerprint, StoredResponse? Response)
{
    public static IdempotencyClaim Claimed(Guid id, string fingerprint) => new(IdempotencyClaimState.Claimed, id, fingerprint, null);

    public static IdempotencyClaim InProgress(Guid id, string fingerprint) => new(IdempotencyClaimState.InProgress, id, fingerprint, null);

    public static IdempotencyClaim Completed(Guid id, string fingerprint, StoredResponse response)
        => new(IdempotencyClaimState.Completed, id, fingerprint, response);
}
