using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using CrmApi.Application.Webhooks;
using CrmApi.Domain.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmApi.Infrastructure.Webhooks;

/// <summary>
/// Posts webhooks over one long-lived <see cref="SocketsHttpHandler"/> whose connect step is the guard against
/// server-side request forgery: it resolves the host through <see cref="IHostResolver"/>, refuses when any address is
/// not public (unless <see cref="WebhookOptions.AllowPrivateNetworks"/>), and dials an address it checked, so a second
/// lookup cannot answer differently (DNS rebinding). Every new connection goes through it; pooled connections were
/// checked when opened and live a few minutes at most.
/// </summary>
/// <remarks>
/// The handler is private to this sender rather than a named <c>IHttpClientFactory</c> client: handlers added to all
/// clients (<c>ConfigureHttpClientDefaults</c>: retries, redirects, proxies, logging of URLs with secrets) cannot reach
/// it, and the guard cannot be replaced by configuration. <see cref="SocketsHttpHandler.PooledConnectionLifetime"/>
/// does what the factory's handler rotation would: DNS changes are seen, and re-checked, within minutes.
/// Redirects are not followed, cookies are not kept, no proxy is used (a proxy would dial for us, unchecked).
/// </remarks>
public sealed class HttpWebhookSender : IWebhookSender, IDisposable
{
    public const string UserAgent = "CrmApi-Webhooks/1";

    // Enough bytes for BodyPrefixLength characters of any UTF-8 text (four bytes each at most).
    private const int MaxBodyBytes = 4 * WebhookResponse.BodyPrefixLength;

    private readonly WebhookOptions _options;
    private readonly IHostResolver _resolver;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly Func<IPEndPoint, CancellationToken, ValueTask<Stream>> _dial;
    private readonly HttpClient _client;

    public HttpWebhookSender(IOptions<WebhookOptions> options, IHostResolver resolver, TimeProvider clock,
        ILogger<HttpWebhookSender> logger)
        : this(options.Value, resolver, clock, logger, DialAsync)
    {
    }

    /// <param name="dial">Opens a TCP stream to a checked address; tests wrap it to see every address dialled.</param>
    internal HttpWebhookSender(WebhookOptions options, IHostResolver resolver, TimeProvider clock, ILogger logger,
        Func<IPEndPoint, CancellationToken, ValueTask<Stream>> dial)
    {
        _options = options;
        _resolver = resolver;
        _clock = clock;
        _logger = logger;
        _dial = dial;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(3),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            MaxConnectionsPerServer = options.MaxConnectionsPerEndpoint,
            ConnectTimeout = options.Timeout,
            // A response left unread is drained this far for the connection's reuse, then the connection is dropped.
            MaxResponseDrainSize = 16 * 1024,
            ResponseDrainTimeout = TimeSpan.FromSeconds(1),
            ConnectCallback = ConnectAsync,
        };
        _client = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", UserAgent);
    }

    public async Task<WebhookResponse> SendAsync(WebhookRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = _clock.GetTimestamp();
        if (SchemeRefusal(request.Url) is { } schemeRefusal) return Refused(request.Url, schemeRefusal, started);

        using var timeout = new CancellationTokenSource(_options.Timeout, _clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        using var message = Message(request);
        HttpResponseMessage response;
        try
        {
            response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Failed(TimeoutMessage(), started);
        }
        catch (HttpRequestException e)
        {
            if (Find<RefusedException>(e) is { } refused) return Refused(request.Url, refused.Message, started);
            if (timeout.IsCancellationRequested || Find<TimeoutException>(e) is not null) return Failed(TimeoutMessage(), started);
            return Failed($"request failed ({e.HttpRequestError}): {Innermost(e).Message}", started);
        }

        using (response)
        {
            var retryAfter = RetryAfter(response);
            var (prefix, error) = await ReadPrefixAsync(response.Content, linked.Token, ct);
            return new((int)response.StatusCode, _clock.GetElapsedTime(started), prefix, error, retryAfter, Refused: false);
        }
    }

    public void Dispose() => _client.Dispose();

    private string? SchemeRefusal(Uri url)
    {
        if (!url.IsAbsoluteUri) return "refused: the URL is not absolute";
        if (url.Scheme == Uri.UriSchemeHttps || (_options.AllowHttp && url.Scheme == Uri.UriSchemeHttp)) return null;
        return _options.AllowHttp
            ? $"refused: the scheme '{url.Scheme}' is not http or https"
            : $"refused: the scheme '{url.Scheme}' is not allowed, only https (Crm:Webhooks:AllowHttp is off)";
    }

    private static HttpRequestMessage Message(WebhookRequest request)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, request.Url)
        {
            Content = new StringContent(request.Body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        foreach (var (name, value) in request.Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value) && !message.Content.Headers.TryAddWithoutValidation(name, value))
                throw new ArgumentException($"The header '{name}' cannot be sent.", nameof(request));
        }
        return message;
    }

    /// <summary>The guard: resolve once, refuse any forbidden address, dial a checked one.</summary>
    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var (host, port) = (context.DnsEndPoint.Host, context.DnsEndPoint.Port);
        var literal = IPAddress.TryParse(host.TrimStart('[').TrimEnd(']'), out var parsed);
        var addresses = literal ? [parsed!] : await _resolver.ResolveAsync(host, ct);
        if (addresses.Length == 0) throw new SocketException((int)SocketError.HostNotFound);

        if (!_options.AllowPrivateNetworks)
        {
            foreach (var address in addresses)
            {
                if (NetworkAddresses.ForbiddenReason(address) is not { } reason) continue;
                throw new RefusedException(literal
                    ? $"refused: {address} is {reason}"
                    : $"refused: {host} resolves to {address}, which is {reason}");
            }
        }

        SocketException? last = null;
        foreach (var address in addresses)
        {
            var target = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
            try
            {
                return await _dial(new IPEndPoint(target, port), ct);
            }
            catch (SocketException e)
            {
                last = e;
            }
        }
        throw last!;
    }

    internal static async ValueTask<Stream> DialAsync(IPEndPoint endPoint, CancellationToken ct)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads the body until <see cref="WebhookResponse.BodyPrefixLength"/> characters or <see cref="MaxBodyBytes"/>
    /// bytes, whichever comes first; the rest is never read. Decoded as UTF-8; a sequence cut at the end is dropped.
    /// </summary>
    private async Task<(string Prefix, string? Error)> ReadPrefixAsync(HttpContent content, CancellationToken linked,
        CancellationToken ct)
    {
        // The usual answer (204, or 200 with Content-Length: 0) has nothing to read.
        if (content.Headers.ContentLength == 0) return ("", null);
        var buffer = ArrayPool<byte>.Shared.Rent(MaxBodyBytes);
        try
        {
            return await ReadPrefixAsync(content, buffer, linked, ct);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<(string Prefix, string? Error)> ReadPrefixAsync(HttpContent content, byte[] buffer, CancellationToken linked,
        CancellationToken ct)
    {
        var filled = 0;
        string? error = null;
        try
        {
            await using var stream = await content.ReadAsStreamAsync(linked);
            while (filled < MaxBodyBytes && Encoding.UTF8.GetCharCount(buffer, 0, filled) < WebhookResponse.BodyPrefixLength)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(filled, MaxBodyBytes - filled), linked);
                if (read == 0) break;
                filled += read;
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            error = $"{TimeoutMessage()} reading the response body";
        }
        catch (IOException e)
        {
            error = $"reading the response body failed: {Innermost(e).Message}";
        }

        var chars = new char[filled];
        var count = Encoding.UTF8.GetDecoder().GetChars(buffer, 0, filled, chars, 0, flush: false);
        if (count > WebhookResponse.BodyPrefixLength)
            count = char.IsHighSurrogate(chars[WebhookResponse.BodyPrefixLength - 1])
                ? WebhookResponse.BodyPrefixLength - 1
                : WebhookResponse.BodyPrefixLength;
        return (new string(chars, 0, count), error);
    }

    /// <summary><c>Retry-After</c> (seconds or an HTTP date) on 429 and 503; past dates are zero.</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)) return null;
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is not { } date) return null;
        var wait = date - _clock.GetUtcNow();
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    private string TimeoutMessage() => $"timeout after {_options.Timeout.TotalSeconds:0.###} s";

    private WebhookResponse Failed(string error, long started)
        => new(null, _clock.GetElapsedTime(started), null, error, null, Refused: false);

    private WebhookResponse Refused(Uri url, string reason, long started)
    {
        _logger.LogWarning("Webhook to {Host} {Reason}", url.IsAbsoluteUri ? url.Host : "?", reason);
        return new(null, _clock.GetElapsedTime(started), null, reason, null, Refused: true);
    }

    private static T? Find<T>(Exception e) where T : Exception
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            if (current is T found) return found;
        }
        return null;
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }

    /// <summary>Thrown by the connect step when the guard refuses; surfaces as <see cref="WebhookResponse.Refused"/>.</summary>
    private sealed class RefusedException(string message) : Exception(message);
}
