using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using CrmApi.Infrastructure.Webhooks;

namespace CrmApi.Infrastructure.Tests.Webhooks;

/// <summary>Answers from a fixed table and records every question; unknown names do not exist. Never asks DNS.</summary>
public sealed class FakeHostResolver(Dictionary<string, string[]> table) : IHostResolver
{
    public ConcurrentQueue<string> Asked { get; } = new();

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct)
    {
        Asked.Enqueue(host);
        return table.TryGetValue(host, out var addresses)
            ? Task.FromResult(addresses.Select(IPAddress.Parse).ToArray())
            : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
    }
}
