using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CrmApi.Bench.Webhooks;

/// <summary>One request the receiver answered: when it arrived (Stopwatch ticks), where, the event id and the record's id.</summary>
internal readonly record struct Arrival(long At, string Run, int Endpoint, string WebhookId, Guid ObjectId);

/// <summary>
/// A fast loopback webhook receiver: Kestrel on 127.0.0.1, on as many free ports as a run has endpoints at most, so each
/// endpoint is a receiver of its own (host and port) as distinct subscribers would be: the API keeps its connections per
/// receiver (<c>Crm:Webhooks:MaxConnectionsPerEndpoint</c>), and endpoints on one port would share them. Endpoint n of a
/// run is <c>http://127.0.0.1:{port n}/{run}/e{n}</c>; each POST is recorded (arrival time first, then the <c>webhook-id</c> header and the body's
/// <c>data.object.id</c>) and answered 204 at once. Signatures are not checked. Duplicates are counted per (path,
/// webhook-id): delivery is at least once.
/// </summary>
internal sealed class Receiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Arrival> _arrivals = new();
    private readonly ConcurrentDictionary<(string Run, int Endpoint, string Id), int> _seen = new();
    private readonly ConcurrentDictionary<string, Counter> _unique = new();
    private int _malformed;

    private Receiver(WebApplication app)
    {
        _app = app;
        app.MapPost("/{run}/e{endpoint:int}", async (HttpContext http, string run, int endpoint) =>
        {
            var at = Stopwatch.GetTimestamp();
            var id = http.Request.Headers["webhook-id"].ToString();
            var objectId = Guid.Empty;
            try
            {
                using var body = await JsonDocument.ParseAsync(http.Request.Body, default, http.RequestAborted);
                if (body.RootElement.TryGetProperty("data", out var data) && data.TryGetProperty("object", out var o)
                    && o.TryGetProperty("id", out var oid) && oid.TryGetGuid(out var g))
                    objectId = g;
            }
            catch (JsonException)
            {
            }
            if (id.Length == 0 || objectId == Guid.Empty) Interlocked.Increment(ref _malformed);
            _arrivals.Enqueue(new Arrival(at, run, endpoint, id, objectId));
            if (_seen.AddOrUpdate((run, endpoint, id), 1, (_, n) => n + 1) == 1)
                Interlocked.Increment(ref _unique.GetOrAdd(run, _ => new Counter()).Value);
            return Results.NoContent();
        });
    }

    private string[] _baseUrls = [];

    /// <summary>The URL of endpoint <paramref name="n"/> (1-based) of a run: its own port.</summary>
    public string Url(string run, int n) => $"{_baseUrls[(n - 1) % _baseUrls.Length]}/{run}/e{n}";

    public string Ports => string.Join(", ", _baseUrls.Select(u => u[(u.LastIndexOf(':') + 1)..]));

    /// <summary>Requests without a webhook-id or a readable data.object.id.</summary>
    public int Malformed => Volatile.Read(ref _malformed);

    public static async Task<Receiver> StartAsync(int ports, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k =>
        {
            for (var i = 0; i < ports; i++) k.Listen(IPAddress.Loopback, 0);
            k.AddServerHeader = false;
            k.Limits.MaxConcurrentConnections = null;
        });
        var receiver = new Receiver(builder.Build());
        await receiver._app.StartAsync(ct);
        receiver._baseUrls = [.. receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => a.TrimEnd('/'))];
        if (receiver._baseUrls.Length != ports) throw new BenchException($"the receiver listens on {receiver._baseUrls.Length} ports, not {ports}");
        return receiver;
    }

    /// <summary>Distinct (endpoint, webhook-id) pairs received for a run so far.</summary>
    public int Unique(string run) => _unique.TryGetValue(run, out var c) ? Volatile.Read(ref c.Value) : 0;

    /// <summary>Every request of a run, in no particular order.</summary>
    public List<Arrival> Arrivals(string run) => [.. _arrivals.Where(a => a.Run == run)];

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }

    private sealed class Counter
    {
        public int Value;
    }
}
