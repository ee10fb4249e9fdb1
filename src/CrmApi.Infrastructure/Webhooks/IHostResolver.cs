using System.Net;

namespace CrmApi.Infrastructure.Webhooks;

/// <summary>
/// Turns a webhook's host name into addresses. The sender checks every address it gets and connects to one of those,
/// never resolving again; tests replace this to aim names at loopback without touching DNS.
/// </summary>
public interface IHostResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct);
}
