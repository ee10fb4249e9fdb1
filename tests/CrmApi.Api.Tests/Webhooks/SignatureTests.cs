using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CrmApi.Application.Webhooks;

namespace CrmApi.Api.Tests.Webhooks;

/// <summary>
/// Our signatures as a customer's receiver sees them: signed with <see cref="WebhookSigning"/>, sent over HTTP, and
/// judged by the Standard Webhooks reference library (npm <c>standardwebhooks</c>) in <see cref="NodeReceiver"/>.
/// </summary>
public sealed class SignatureTests : IDisposable
{
    private const string Body = """{"id":"evt_1","type":"contact.updated","data":{"firstName":"Ada"}}""";

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly string _secret = WebhookSigning.NewSecret();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Correctly_signed_request_is_verified()
    {
        await using var receiver = await NodeReceiver.StartAsync([_secret]);

        var status = await SendAsync(receiver, Sign("evt_1", DateTimeOffset.UtcNow, Body, _secret), Body);

        status.ShouldBe(HttpStatusCode.NoContent);
        var log = await receiver.ReceivedAsync();
        log.Count.ShouldBe(1);
        log[0].ShouldSatisfyAllConditions(
            r => r.Verified.ShouldBeTrue(),
            r => r.Error.ShouldBeNull(),
            r => r.Id.ShouldBe("evt_1"),
            r => r.Type.ShouldBe("contact.updated"),
            r => r.Body.ShouldBe(Body));
    }

    [Fact]
    public async Task Tampered_body_is_rejected()
    {
        await using var receiver = await NodeReceiver.StartAsync([_secret]);
        var headers = Sign("evt_1", DateTimeOffset.UtcNow, Body, _secret);

        var status = await SendAsync(receiver, headers, Body.Replace("Ada", "Eve", StringComparison.Ordinal));

        (await ShouldBeRejectedAsync(receiver, status, "No matching signature found")).Type.ShouldBe("contact.updated");
    }

    [Theory]
    [InlineData(-6, "Message timestamp too old")]
    [InlineData(6, "Message timestamp too new")]
    public async Task Timestamp_six_minutes_off_is_rejected(int minutes, string error)
    {
        await using var receiver = await NodeReceiver.StartAsync([_secret]);
        var at = DateTimeOffset.UtcNow.AddMinutes(minutes);

        var status = await SendAsync(receiver, Sign("evt_1", at, Body, _secret), Body);

        (await ShouldBeRejectedAsync(receiver, status, error)).Timestamp.ShouldBe(at.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Rotation_signature_verifies_at_a_receiver_knowing_only_the_old_or_only_the_new_secret()
    {
        var old = WebhookSigning.NewSecret();
        var current = WebhookSigning.NewSecret();
        await using var knowsOld = await NodeReceiver.StartAsync([old]);
        await using var knowsNew = await NodeReceiver.StartAsync([current]);
        await using var knowsNeither = await NodeReceiver.StartAsync([WebhookSigning.NewSecret()]);
        var headers = WebhookSigning.Headers("evt_1", DateTimeOffset.UtcNow, Body, [current, old]);
        headers.Single(h => h.Key == WebhookSigning.SignatureHeader).Value.Split(' ').Length.ShouldBe(2);

        (await SendAsync(knowsOld, headers, Body)).ShouldBe(HttpStatusCode.NoContent);
        (await SendAsync(knowsNew, headers, Body)).ShouldBe(HttpStatusCode.NoContent);
        (await SendAsync(knowsNeither, headers, Body)).ShouldBe(HttpStatusCode.Unauthorized);

        (await knowsOld.ReceivedAsync()).Single().Verified.ShouldBeTrue();
        (await knowsNew.ReceivedAsync()).Single().Verified.ShouldBeTrue();
        (await knowsNeither.ReceivedAsync()).Single().Verified.ShouldBeFalse();
    }

    [Fact]
    public async Task Signature_made_with_a_wrong_secret_is_rejected()
    {
        await using var receiver = await NodeReceiver.StartAsync([_secret]);

        var status = await SendAsync(receiver, Sign("evt_1", DateTimeOffset.UtcNow, Body, WebhookSigning.NewSecret()), Body);

        (await ShouldBeRejectedAsync(receiver, status, "No matching signature found")).Id.ShouldBe("evt_1");
    }

    [Fact]
    public async Task Non_ascii_body_verifies_byte_for_byte()
    {
        const string body = """{"type":"contact.updated","data":{"firstName":"Zoë ✓","note":"日本語 😀"}}""";
        await using var receiver = await NodeReceiver.StartAsync([_secret]);

        var status = await SendAsync(receiver, Sign("evt_2", DateTimeOffset.UtcNow, body, _secret), body);

        status.ShouldBe(HttpStatusCode.NoContent);
        var log = await receiver.ReceivedAsync();
        log.Single().ShouldSatisfyAllConditions(
            r => r.Verified.ShouldBeTrue(),
            r => r.Body.ShouldBe(body));
    }

    [Fact]
    public async Task Receiver_knobs_fail_the_first_attempts_of_each_message_then_answer_the_given_status()
    {
        await using var receiver = await NodeReceiver.StartAsync([_secret], failFirst: 1, status: 410);
        var headers = Sign("evt_1", DateTimeOffset.UtcNow, Body, _secret);

        (await SendAsync(receiver, headers, Body)).ShouldBe(HttpStatusCode.InternalServerError);
        (await SendAsync(receiver, headers, Body)).ShouldBe(HttpStatusCode.Gone);
        (await SendAsync(receiver, headers, Body, "other?fail-first=0&status=202")).ShouldBe(HttpStatusCode.Accepted);

        var log = await receiver.WaitForAsync(r => r.Count == 3);
        log.Select(r => r.Status).ShouldBe([500, 410, 202]);
        log.Select(r => r.Path).ShouldBe(["/", "/", "/other?fail-first=0&status=202"]);
        log.ShouldAllBe(r => r.Verified);
    }

    /// <summary>The request was answered 401 and logged as unverified with the library's <paramref name="error"/>.</summary>
    private static async Task<Received> ShouldBeRejectedAsync(NodeReceiver receiver, HttpStatusCode status, string error)
    {
        status.ShouldBe(HttpStatusCode.Unauthorized);
        var received = (await receiver.ReceivedAsync()).ShouldHaveSingleItem();
        received.Verified.ShouldBeFalse();
        received.Error.ShouldBe(error);
        received.Status.ShouldBe(401);
        return received;
    }

    private static IReadOnlyList<KeyValuePair<string, string>> Sign(string id, DateTimeOffset at, string body, string secret)
        => WebhookSigning.Headers(id, at, body, [secret]);

    private async Task<HttpStatusCode> SendAsync(
        NodeReceiver receiver, IEnumerable<KeyValuePair<string, string>> headers, string body, string path = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(receiver.Url, path))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body))
            {
                Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } },
            },
        };
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value).ShouldBeTrue();
        using var response = await _http.SendAsync(request);
        return response.StatusCode;
    }
}
