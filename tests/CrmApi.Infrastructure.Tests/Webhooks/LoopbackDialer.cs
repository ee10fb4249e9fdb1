using System.Collections.Concurrent;
using System.Net;
using CrmApi.Infrastructure.Webhooks;

namespace CrmApi.Infrastructure.Tests.Webhooks;

/// <summary>
/// Records every endpoint the sender dials and keeps all traffic on this machine: a loopback endpoint is dialled as it
/// is, any other one is answered by 127.0.0.1 on the same port, as a stand-in for a public receiver.
/// </summary>
public sealed class LoopbackDialer
{
    public ConcurrentQueue<IPEndPoint> Dialled { get; } = new();

    public ValueTask<Stream> DialAsync(IPEndPoint endPoint, CancellationToken ct)
    {
        Dialled.Enqueue(endPoint);
        var target = IPAddress.IsLoopback(endPoint.Address) ? endPoint : new IPEndPoint(IPAddress.Loopback, endPoint.Port);
        return HttpWebhookSender.DialAsync(target, ct);
    }
}
