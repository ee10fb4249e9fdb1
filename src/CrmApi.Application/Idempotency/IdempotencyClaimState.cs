namespace CrmApi.Application.Idempotency;

public enum IdempotencyClaimState
{
    /// <summary>The key was free: this request holds it now and runs.</summary>
    Claimed,

    /// <summary>Another request holds the key and has not finished.</summary>
    InProgress,

    /// <summary>A request with the key finished; its response is kept.</summary>
    Completed,
}
