namespace CrmApi.Application.Common;

/// <summary><c>Crm:Caching</c>: how long this process may reuse API keys and custom field definitions it has read.</summary>
public sealed class ReadCacheOptions
{
    public const string Section = "Crm:Caching";

    /// <summary>
    /// How soon another instance sharing the database sees a revoked key or a changed field (this instance sees its own
    /// changes at once). Zero turns the cache off.
    /// </summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromSeconds(5);
}
