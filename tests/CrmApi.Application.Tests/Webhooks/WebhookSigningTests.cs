using System.Security.Cryptography;
using System.Text;
using CrmApi.Application.Webhooks;

namespace CrmApi.Application.Tests.Webhooks;

public sealed class WebhookSigningTests
{
    // The signing vector every Standard Webhooks reference library tests against (JavaScript, C#, Go, Java,
    // PHP: "sign function works"), from github.com/standard-webhooks/standard-webhooks/libraries/*/.
    private const string VectorSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string VectorId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long VectorTimestamp = 1614265330;
    private const string VectorBody = "{\"test\": 2432232314}";
    private const string VectorSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    private static readonly DateTimeOffset VectorTime = DateTimeOffset.FromUnixTimeSeconds(VectorTimestamp);

    private static readonly string Current = WebhookSigning.NewSecret();
    private static readonly string Previous = WebhookSigning.NewSecret();

    [Fact]
    public void Sign_ReferenceVector_MatchesTheReferenceLibraries()
        => WebhookSigning.Sign(VectorId, VectorTimestamp, VectorBody, [VectorSecret]).ShouldBe(VectorSignature);

    [Fact]
    public void Verify_ReferenceVector_IsAccepted()
        => WebhookSigning.Verify(VectorSecret, VectorId, "1614265330", VectorBody, VectorSignature, VectorTime).ShouldBeTrue();

    [Theory]
    // From the reference libraries' tests: a signature differing only in unused trailing base64 bits (python),
    // a mangled one (C#), a truncated one (JavaScript), and one of an unknown version.
    [InlineData("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA=")]
    [InlineData("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLawdd")]
    [InlineData("v1,g0hM9")]
    [InlineData("v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")]
    [InlineData("g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")]
    [InlineData("v1,")]
    public void Verify_AlteredSignature_IsRejected(string header)
        => WebhookSigning.Verify(VectorSecret, VectorId, "1614265330", VectorBody, header, VectorTime).ShouldBeFalse();

    [Fact]
    public void Verify_OneGoodSignatureAmongOthers_IsAccepted()
        => WebhookSigning.Verify(VectorSecret, VectorId, "1614265330", VectorBody,
            "v1a,abc v1,bm90IHRoaXMgb25l " + VectorSignature, VectorTime).ShouldBeTrue();

    [Fact]
    public void Sign_ComputesHmacSha256OverIdTimestampAndUtf8Body()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var secret = "whsec_" + Convert.ToBase64String(key);
        var body = "{\"name\":\"Zoë ✓ 😀\"}";
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"evt_1.1700000000.{body}"));

        WebhookSigning.Sign("evt_1", 1700000000, body, [secret]).ShouldBe("v1," + Convert.ToBase64String(mac));
    }

    [Fact]
    public void Sign_TwoSecrets_ListsOneSignaturePerSecretCurrentFirst()
    {
        var header = WebhookSigning.Sign("evt_1", 1700000000, "{}", [Current, Previous]);

        header.Split(' ').ShouldBe([
            WebhookSigning.Sign("evt_1", 1700000000, "{}", [Current]),
            WebhookSigning.Sign("evt_1", 1700000000, "{}", [Previous]),
        ]);
    }

    [Fact]
    public void Headers_AreExactlyTheThreeStandardOnes()
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_999);

        var headers = WebhookSigning.Headers("evt_1", at, "{}", [Current]);

        headers.Select(h => h.Key).ShouldBe(["webhook-id", "webhook-timestamp", "webhook-signature"]);
        headers[0].Value.ShouldBe("evt_1");
        headers[1].Value.ShouldBe("1700000000");
        headers[2].Value.ShouldBe(WebhookSigning.Sign("evt_1", 1700000000, "{}", [Current]));
    }

    [Fact]
    public void Verify_RotationHeader_IsAcceptedWithEitherSecret()
    {
        var now = DateTimeOffset.UtcNow;
        var headers = WebhookSigning.Headers("evt_1", now, "{}", [Current, Previous]);

        WebhookSigning.Verify(Current, "{}", headers, now).ShouldBeTrue();
        WebhookSigning.Verify(Previous, "{}", headers, now).ShouldBeTrue();
        WebhookSigning.Verify(WebhookSigning.NewSecret(), "{}", headers, now).ShouldBeFalse();
    }

    [Fact]
    public void Verify_HeaderNamesInAnyCase_AreFound()
    {
        var now = DateTimeOffset.UtcNow;
        var headers = WebhookSigning.Headers("evt_1", now, "{}", [Current])
            .Select(h => KeyValuePair.Create(h.Key.ToUpperInvariant(), h.Value));

        WebhookSigning.Verify(Current, "{}", headers, now).ShouldBeTrue();
    }

    [Fact]
    public void Verify_TamperedBodyOrId_IsRejected()
    {
        var now = DateTimeOffset.UtcNow;
        var signature = WebhookSigning.Sign("evt_1", now.ToUnixTimeSeconds(), "{\"a\":1}", [Current]);
        var ts = now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

        WebhookSigning.Verify(Current, "evt_1", ts, "{\"a\":1}", signature, now).ShouldBeTrue();
        WebhookSigning.Verify(Current, "evt_1", ts, "{\"a\":2}", signature, now).ShouldBeFalse();
        WebhookSigning.Verify(Current, "evt_2", ts, "{\"a\":1}", signature, now).ShouldBeFalse();
    }

    [Theory]
    [InlineData(-300, true)]
    [InlineData(300, true)]
    [InlineData(-301, false)]
    [InlineData(301, false)]
    [InlineData(-360, false)]
    [InlineData(360, false)]
    public void Verify_Timestamp_IsAcceptedWithinFiveMinutesEitherWay(int offsetSeconds, bool accepted)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var headers = WebhookSigning.Headers("evt_1", now.AddSeconds(offsetSeconds), "{}", [Current]);

        WebhookSigning.Verify(Current, "{}", headers, now).ShouldBe(accepted);
    }

    [Fact]
    public void Verify_Tolerance_IsAParameter()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var headers = WebhookSigning.Headers("evt_1", now.AddMinutes(-9), "{}", [Current]);

        WebhookSigning.Verify(Current, "{}", headers, now).ShouldBeFalse();
        WebhookSigning.Verify(Current, "{}", headers, now, TimeSpan.FromMinutes(10)).ShouldBeTrue();
    }

    [Theory]
    [InlineData(null, "1614265330", VectorSignature)]
    [InlineData("", "1614265330", VectorSignature)]
    [InlineData("msg_p5jXN8AQM9LWM0D4loKWxJek\u00e9", "1614265330", VectorSignature)]
    [InlineData(VectorId, null, VectorSignature)]
    [InlineData(VectorId, "hello", VectorSignature)]
    [InlineData(VectorId, "-1614265330", VectorSignature)]
    [InlineData(VectorId, "1614265330.0", VectorSignature)]
    [InlineData(VectorId, " 1614265330", VectorSignature)]
    [InlineData(VectorId, "1614265330", null)]
    [InlineData(VectorId, "1614265330", "")]
    public void Verify_MissingOrMalformedHeader_IsRejected(string? id, string? timestamp, string? signature)
        => WebhookSigning.Verify(VectorSecret, id, timestamp, VectorBody, signature, VectorTime).ShouldBeFalse();

    [Fact]
    public void NewSecret_IsWhsecAndBase64Of32RandomBytes()
    {
        var secret = WebhookSigning.NewSecret();

        secret.ShouldStartWith("whsec_");
        Convert.FromBase64String(secret["whsec_".Length..]).Length.ShouldBe(32);
        WebhookSigning.IsValidSecret(secret).ShouldBeTrue();
        WebhookSigning.NewSecret().ShouldNotBe(secret);
    }

    [Theory]
    [InlineData(VectorSecret, true)] // 24 bytes, the smallest the spec allows
    [InlineData("whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==", true)] // 64 bytes
    [InlineData("whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", false)] // 66 bytes
    [InlineData("whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==", false)] // 22 bytes
    [InlineData("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", false)] // no prefix
    [InlineData("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS!", false)]
    [InlineData("whsec_MfKQ9r8GKYqrTwjU PD8ILPZIo2LaLaSw", false)]
    [InlineData("whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB==", false)] // 25 bytes with stray trailing bits: not canonical
    [InlineData("whsec_", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsValidSecret_AcceptsOnlyWhsecBase64Of24To64Bytes(string? secret, bool valid)
        => WebhookSigning.IsValidSecret(secret).ShouldBe(valid);

    [Fact]
    public void Sign_WithoutAValidSecretIdOrTimestamp_Throws()
    {
        Should.Throw<ArgumentException>(() => WebhookSigning.Sign("evt_1", 1, "{}", []));
        Should.Throw<ArgumentException>(() => WebhookSigning.Sign("evt_1", 1, "{}", ["whsec_short"]));
        Should.Throw<ArgumentException>(() => WebhookSigning.Sign("", 1, "{}", [Current]));
        Should.Throw<ArgumentException>(() => WebhookSigning.Sign("evt_ü", 1, "{}", [Current]));
        Should.Throw<ArgumentException>(() => WebhookSigning.Sign("evt 1", 1, "{}", [Current]));
        Should.Throw<ArgumentException>(() => WebhookSigning.Sign("evt_1\r\nx: y", 1, "{}", [Current]));
        Should.Throw<ArgumentException>(() => WebhookSigning.Sign("evt_1", -1, "{}", [Current]));
        Should.Throw<ArgumentException>(() => WebhookSigning.Verify("whsec_short", VectorId, "1", "{}", VectorSignature, VectorTime));
    }

    [Fact]
    public void Sign_InvalidSecret_DoesNotEchoTheSecret()
    {
        var ex = Should.Throw<ArgumentException>(() => WebhookSigning.Sign("evt_1", 1, "{}", ["whsec_c2VjcmV0LXZhbHVl"]));

        ex.Message.ShouldNotContain("c2VjcmV0LXZhbHVl");
    }
}
