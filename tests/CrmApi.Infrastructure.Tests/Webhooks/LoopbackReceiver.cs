using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmApi.Infrastructure.Tests.Webhooks;

/// <summary>What the receiver saw of one request.</summary>
public sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>
/// A Kestrel webhook receiver on 127.0.0.1 and a free port. The path picks the answer: <c>/ok/...</c>, <c>/status/{code}</c>,
/// <c>/redirect</c>, <c>/retry-after/{code}?value=...</c>, <c>/slow</c>, <c>/large</c>, <c>/text?p=...&amp;s=...&amp;n=...</c>
/// (p, then s n times).
/// </summary>
public sealed class LoopbackReceiver : IAsyncLifetime
{
    private WebApplication? _app;

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();
    public int Port { get; private set; }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Run(HandleAsync);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Port = new Uri(address).Port;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    /// <summary>The requests received for <paramref name="path"/>.</summary>
    public IReadOnlyList<ReceivedRequest> To(string path) => [.. Requests.Where(r => r.Path == path)];

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var path = request.Path.Value ?? "";
        Requests.Enqueue(new(request.Method, path,
            request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body));

        var response = context.Response;
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        switch (segments)
        {
            case ["ok", ..]:
                await response.WriteAsync("thanks", context.RequestAborted);
                break;
            case ["status", var code]:
                response.StatusCode = int.Parse(code);
                await response.WriteAsync($"status {code}", context.RequestAborted);
                break;
            case ["redirect"]:
                response.StatusCode = StatusCodes.Status302Found;
                response.Headers.Location = "/ok";
                break;
            case ["retry-after", var code]:
                response.StatusCode = int.Parse(code);
                response.Headers.RetryAfter = request.Query["value"].ToString();
                break;
            case ["slow"]:
                await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
                break;
            case ["large"]:
                // 4 MB: far more than the sender may read.
                var chunk = Encoding.ASCII.GetBytes(new string('a', 64 * 1024));
                for (var i = 0; i < 64; i++) await response.Body.WriteAsync(chunk, context.RequestAborted);
                break;
            case ["text"]:
                var text = request.Query["p"] + string.Concat(Enumerable.Repeat(request.Query["s"].ToString(), int.Parse(request.Query["n"]!)));
                await response.WriteAsync(text, Encoding.UTF8, context.RequestAborted);
                break;
            default:
                response.StatusCode = StatusCodes.Status404NotFound;
                break;
        }
    }
}
