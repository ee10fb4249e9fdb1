using System.Net;
using System.Net.Sockets;
using CrmApi.Application.Webhooks;
using CrmApi.Infrastructure.Webhooks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CrmApi.Infrastructure.Tests.Webhooks;

/// <summary>
/// The sender against a Kestrel receiver on loopback. Names resolve only through <see cref="FakeHostResolver"/>, and
/// every connection goes through <see cref="LoopbackDialer"/>, so no test reaches DNS or any address but loopback,
/// even if the guard were broken.
/// </summary>
public sealed class HttpWebhookSenderTests(LoopbackReceiver receiver) : IClassFixture<LoopbackReceiver>, IDisposable
{
    private const string PublicAddress = "93.184.216.34";

    private readonly FakeHostResolver _resolver = new(new()
    {
        ["receiver.test"] = ["127.0.0.1"],
        ["hooks.example.com"] = [PublicAddress],
        ["loopback.example.com"] = ["127.0.0.1"],
        ["private.example.com"] = ["10.0.0.5"],
        ["metadata.example.com"] = ["169.254.169.254"],
        ["v6-loopback.example.com"] = ["::1"],
        ["unique-local.example.com"] = ["fd00::1"],
        ["mapped.example.com"] = ["::ffff:127.0.0.1"],
        ["mixed.example.com"] = [PublicAddress, "2606:4700:4700::1111", "10.0.0.5"],
        ["second-works.test"] = ["127.0.0.2", "127.0.0.1"],
    });
    private readonly LoopbackDialer _dialer = new();
    private readonly List<HttpWebhookSender> _senders = [];

    public void Dispose() => _senders.ForEach(s => s.Dispose());

    private HttpWebhookSender Sender(bool allowPrivateNetworks = true, bool allowHttp = true, TimeSpan? timeout = null,
        TimeProvider? clock = null)
    {
        var options = new WebhookOptions
        {
            AllowHttp = allowHttp,
            AllowPrivateNetworks = allowPrivateNetworks,
            Timeout = timeout ?? TimeSpan.FromSeconds(15),
        };
        var sender = new HttpWebhookSender(options, _resolver, clock ?? TimeProvider.System, NullLogger.Instance, _dialer.DialAsync);
        _senders.Add(sender);
        return sender;
    }

    private Uri Url(string path, string host = "receiver.test") => new($"http://{host}:{receiver.Port}{path}");

    private static WebhookRequest Request(Uri url, string body = """{"type":"contact.created"}""",
        params KeyValuePair<string, string>[] headers) => new(url, headers, body);

    [Theory]
    [InlineData("loopback.example.com", "127.0.0.1", "loopback")]
    [InlineData("private.example.com", "10.0.0.5", "private")]
    [InlineData("metadata.example.com", "169.254.169.254", "metadata")]
    [InlineData("v6-loopback.example.com", "::1", "loopback")]
    [InlineData("unique-local.example.com", "fd00::1", "unique local")]
    [InlineData("mapped.example.com", "::ffff:127.0.0.1", "loopback")]
    [InlineData("mixed.example.com", "10.0.0.5", "private")]
    public async Task A_name_resolving_to_a_forbidden_address_is_refused_without_connecting(string host, string address, string reason)
    {
        var path = $"/ok/{Guid.NewGuid():N}";
        var response = await Sender(allowPrivateNetworks: false).SendAsync(Request(Url(path, host)), CancellationToken.None);

        response.Refused.ShouldBeTrue();
        response.Succeeded.ShouldBeFalse();
        response.StatusCode.ShouldBeNull();
        response.Error.ShouldNotBeNull();
        response.Error.ShouldContain(host);
        response.Error.ShouldContain(address);
        response.Error.ShouldContain(reason);
        _resolver.Asked.ShouldBe([host]);
        _dialer.Dialled.ShouldBeEmpty();
        receiver.To(path).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("https://127.0.0.1/hook", "127.0.0.1")]
    [InlineData("https://[::1]/hook", "::1")]
    [InlineData("https://169.254.169.254/latest/meta-data/", "169.254.169.254")]
    [InlineData("https://2130706433/hook", "127.0.0.1")]
    [InlineData("https://[::ffff:10.0.0.5]/hook", "10.0.0.5")]
    public async Task A_forbidden_literal_address_is_refused_without_resolving_or_connecting(string url, string address)
    {
        var response = await Sender(allowPrivateNetworks: false).SendAsync(Request(new Uri(url)), CancellationToken.None);

        response.Refused.ShouldBeTrue();
        response.Error.ShouldNotBeNull().ShouldContain(address);
        _resolver.Asked.ShouldBeEmpty();
        _dialer.Dialled.ShouldBeEmpty();
    }

    [Fact]
    public async Task Http_is_refused_unless_allowed()
    {
        var path = $"/ok/{Guid.NewGuid():N}";
        var response = await Sender(allowHttp: false).SendAsync(Request(Url(path)), CancellationToken.None);

        response.Refused.ShouldBeTrue();
        response.Error.ShouldNotBeNull().ShouldContain("only https");
        _resolver.Asked.ShouldBeEmpty();
        _dialer.Dialled.ShouldBeEmpty();
        receiver.To(path).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_public_address_passes_the_guard_and_is_the_one_dialled()
    {
        var response = await Sender(allowPrivateNetworks: false).SendAsync(Request(Url("/ok", "hooks.example.com")), CancellationToken.None);

        response.Refused.ShouldBeFalse();
        response.StatusCode.ShouldBe(200);
        _dialer.Dialled.ShouldBe([new IPEndPoint(IPAddress.Parse(PublicAddress), receiver.Port)]);
    }

    [Fact]
    public async Task The_receiver_gets_the_body_and_headers_from_the_checked_address_without_a_second_lookup()
    {
        var id = $"msg_{Guid.NewGuid():N}";
        var response = await Sender().SendAsync(
            Request(Url("/ok"), """{"type":"deal.won","data":{"id":1}}""",
                new("webhook-id", id), new("webhook-timestamp", "1767225600"), new("webhook-signature", "v1,abc=")),
            CancellationToken.None);

        response.StatusCode.ShouldBe(200);
        response.Succeeded.ShouldBeTrue();
        response.Refused.ShouldBeFalse();
        response.Error.ShouldBeNull();
        response.BodyPrefix.ShouldBe("thanks");
        response.RetryAfter.ShouldBeNull();
        response.Duration.ShouldBeGreaterThan(TimeSpan.Zero);

        // "receiver.test" exists only in the fake resolver: reaching the receiver proves the checked address was used.
        _resolver.Asked.ShouldBe(["receiver.test"]);
        _dialer.Dialled.ShouldBe([new IPEndPoint(IPAddress.Loopback, receiver.Port)]);
        var received = receiver.Requests.Single(r => r.Headers.GetValueOrDefault("webhook-id") == id);
        received.Method.ShouldBe("POST");
        received.Path.ShouldBe("/ok");
        received.Body.ShouldBe("""{"type":"deal.won","data":{"id":1}}""");
        received.Headers["Host"].ShouldBe($"receiver.test:{receiver.Port}");
        received.Headers["Content-Type"].ShouldBe("application/json");
        received.Headers["User-Agent"].ShouldBe("CrmApi-Webhooks/1");
        received.Headers["webhook-timestamp"].ShouldBe("1767225600");
        received.Headers["webhook-signature"].ShouldBe("v1,abc=");
        received.Headers.Keys.ShouldNotContain("Cookie");
    }

    [Fact]
    public async Task Connections_are_reused_and_each_new_one_is_checked()
    {
        var sender = Sender();
        for (var i = 0; i < 3; i++)
            (await sender.SendAsync(Request(Url("/ok")), CancellationToken.None)).StatusCode.ShouldBe(200);

        _resolver.Asked.Count.ShouldBe(_dialer.Dialled.Count);
        _dialer.Dialled.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_500_is_a_failure_with_its_status_and_body()
    {
        var response = await Sender().SendAsync(Request(Url("/status/500")), CancellationToken.None);

        response.StatusCode.ShouldBe(500);
        response.Succeeded.ShouldBeFalse();
        response.Refused.ShouldBeFalse();
        response.Error.ShouldBeNull();
        response.BodyPrefix.ShouldBe("status 500");
    }

    [Theory]
    [InlineData(201)]
    [InlineData(204)]
    [InlineData(299)]
    public async Task Any_2xx_succeeds(int status)
        => (await Sender().SendAsync(Request(Url($"/status/{status}")), CancellationToken.None)).Succeeded.ShouldBeTrue();

    [Fact]
    public async Task A_redirect_is_returned_not_followed()
    {
        var before = receiver.To("/ok").Count;
        var response = await Sender().SendAsync(Request(Url("/redirect")), CancellationToken.None);

        response.StatusCode.ShouldBe(302);
        response.Succeeded.ShouldBeFalse();
        receiver.To("/ok").Count.ShouldBe(before);
    }

    [Fact]
    public async Task A_429_with_delta_seconds_gives_retry_after()
    {
        var response = await Sender().SendAsync(Request(Url("/retry-after/429?value=7")), CancellationToken.None);

        response.StatusCode.ShouldBe(429);
        response.RetryAfter.ShouldBe(TimeSpan.FromSeconds(7));
    }

    [Fact]
    public async Task A_503_with_an_http_date_gives_retry_after_from_the_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var date = Uri.EscapeDataString(clock.GetUtcNow().AddSeconds(120).ToString("R"));
        var response = await Sender(clock: clock).SendAsync(Request(Url($"/retry-after/503?value={date}")), CancellationToken.None);

        response.StatusCode.ShouldBe(503);
        response.RetryAfter.ShouldBe(TimeSpan.FromSeconds(120));
    }

    [Fact]
    public async Task A_past_http_date_gives_zero()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var date = Uri.EscapeDataString(clock.GetUtcNow().AddMinutes(-5).ToString("R"));
        var response = await Sender(clock: clock).SendAsync(Request(Url($"/retry-after/503?value={date}")), CancellationToken.None);

        response.RetryAfter.ShouldBe(TimeSpan.Zero);
    }

    [Theory]
    [InlineData(500, "7")]
    [InlineData(200, "7")]
    [InlineData(429, "soon")]
    public async Task Retry_after_is_read_only_on_429_and_503_and_when_valid(int status, string value)
        => (await Sender().SendAsync(Request(Url($"/retry-after/{status}?value={value}")), CancellationToken.None))
            .RetryAfter.ShouldBeNull();

    [Fact]
    public async Task A_receiver_slower_than_the_timeout_gives_a_timeout_error()
    {
        var response = await Sender(timeout: TimeSpan.FromSeconds(1)).SendAsync(Request(Url("/slow")), CancellationToken.None);

        response.StatusCode.ShouldBeNull();
        response.Succeeded.ShouldBeFalse();
        response.Refused.ShouldBeFalse();
        response.Error.ShouldBe("timeout after 1 s");
        response.Duration.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9));
        response.Duration.ShouldBeLessThan(TimeSpan.FromSeconds(9));
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_turned_into_a_result()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Should.ThrowAsync<OperationCanceledException>(() => Sender().SendAsync(Request(Url("/slow")), cts.Token));
    }

    [Fact]
    public async Task A_large_body_is_cut_to_1024_characters()
    {
        var response = await Sender().SendAsync(Request(Url("/large")), CancellationToken.None);

        response.StatusCode.ShouldBe(200);
        response.Error.ShouldBeNull();
        response.BodyPrefix.ShouldBe(new string('a', 1024));
    }

    [Theory]
    [InlineData("", "é", 2000, 1024)] // two bytes each: 1024 characters need 2 KB
    [InlineData("", "€", 1500, 1024)] // three bytes each
    [InlineData("", "😀", 600, 1024)] // four bytes, a surrogate pair each
    [InlineData("a", "😀", 600, 1023)] // the cut would split a pair: the pair is left out
    [InlineData("", "é", 10, 10)]
    public async Task A_multibyte_body_is_cut_by_characters_without_breaking_one(string p, string s, int n, int length)
    {
        var query = $"p={Uri.EscapeDataString(p)}&s={Uri.EscapeDataString(s)}&n={n}";
        var response = await Sender().SendAsync(Request(Url($"/text?{query}")), CancellationToken.None);

        response.BodyPrefix.ShouldNotBeNull();
        response.BodyPrefix.Length.ShouldBe(length);
        response.BodyPrefix.ShouldBe((p + string.Concat(Enumerable.Repeat(s, n)))[..length]);
    }

    [Fact]
    public async Task An_empty_body_is_an_empty_prefix()
        => (await Sender().SendAsync(Request(Url("/redirect")), CancellationToken.None)).BodyPrefix.ShouldBe("");

    [Fact]
    public async Task A_closed_port_is_a_connection_error()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var response = await Sender().SendAsync(Request(new Uri($"http://receiver.test:{port}/ok")), CancellationToken.None);

        response.StatusCode.ShouldBeNull();
        response.Refused.ShouldBeFalse();
        response.Error.ShouldNotBeNull().ShouldContain("request failed");
    }

    [Fact]
    public async Task An_unknown_name_is_a_connection_error()
    {
        var response = await Sender().SendAsync(Request(Url("/ok", "missing.test")), CancellationToken.None);

        response.StatusCode.ShouldBeNull();
        response.Refused.ShouldBeFalse();
        response.Error.ShouldNotBeNull();
        _dialer.Dialled.ShouldBeEmpty();
    }

    [Fact]
    public async Task When_one_checked_address_refuses_the_next_is_tried()
    {
        var response = await Sender().SendAsync(Request(Url("/ok", "second-works.test")), CancellationToken.None);

        response.StatusCode.ShouldBe(200);
        _dialer.Dialled.Select(e => e.Address.ToString()).ShouldBe(["127.0.0.2", "127.0.0.1"]);
    }

    [Fact]
    public async Task An_ipv4_mapped_address_is_dialled_as_ipv4()
    {
        var response = await Sender().SendAsync(Request(Url("/ok", "mapped.example.com")), CancellationToken.None);

        response.StatusCode.ShouldBe(200);
        _dialer.Dialled.ShouldBe([new IPEndPoint(IPAddress.Loopback, receiver.Port)]);
    }
}
