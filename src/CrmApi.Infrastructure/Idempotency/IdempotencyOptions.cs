namespace CrmApi.Infrastructure.Idempotency;

/// <summary>Settings under <c>Crm:Idempotency</c>.</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Crm:Idempotency";

    /// <summary>How long a key and its response are kept; a key reused later runs as a new request.</summary>
    public int RetentionHours { get; set; } = 24;

    /// <summary>How often the retention worker removes expired keys.</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan Retention => TimeSpan.FromHours(RetentionHours);
}
