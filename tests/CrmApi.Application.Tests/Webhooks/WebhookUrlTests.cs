using CrmApi.Application.Common;
using CrmApi.Application.Webhooks;

namespace CrmApi.Application.Tests.Webhooks;

public sealed class WebhookUrlTests
{
    private static Error Rejected(string? url, bool allowHttp = false, bool allowPrivateNetworks = false)
    {
        var result = WebhookUrl.Validate(url, allowHttp, allowPrivateNetworks);
        result.IsSuccess.ShouldBeFalse($"'{url}' was accepted");
        var error = result.Errors.ShouldHaveSingleItem();
        error.Code.ShouldBe(ErrorCodes.Validation);
        error.Field.ShouldBe("url");
        return error;
    }

    [Theory]
    [InlineData("https://hooks.example.com/crm")]
    [InlineData("https://hooks.example.com:8443/crm?token=abc&x=1")]
    [InlineData("https://8.8.8.8/hook")]
    [InlineData("https://[2606:4700:4700::1111]/hook")]
    [InlineData("https://bücher.example/hook")]
    [InlineData("https://localhost.example.com/hook")] // localhost only as the whole name or its last label
    [InlineData("https://10.example.com/hook")] // a number inside a name is no address
    [InlineData("https://example.com./hook")]
    public void Accepts_public_https_urls(string url)
    {
        var result = WebhookUrl.Validate(url, allowHttp: false, allowPrivateNetworks: false);
        result.IsSuccess.ShouldBeTrue(string.Join("; ", result.Errors.Select(e => e.Message)));
        result.Value!.IsAbsoluteUri.ShouldBeTrue();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Rejects_a_missing_url(string? url) => Rejected(url).Message.ShouldContain("required");

    [Fact]
    public void Rejects_a_url_longer_than_2000_characters()
    {
        var prefix = "https://hooks.example.com/";
        WebhookUrl.Validate(prefix + new string('a', 2000 - prefix.Length), false, false).IsSuccess.ShouldBeTrue();
        Rejected(prefix + new string('a', 2001 - prefix.Length)).Message.ShouldContain("2000");
    }

    [Theory]
    [InlineData("/hooks/crm")]
    [InlineData("hooks.example.com/crm")]
    [InlineData("not a url")]
    [InlineData("https://exa mple.com/")]
    public void Rejects_what_is_not_an_absolute_url(string url) => Rejected(url).Message.ShouldContain("absolute");

    [Theory]
    [InlineData("http://hooks.example.com/crm", false)]
    [InlineData("ftp://hooks.example.com/crm", false)]
    [InlineData("ftp://hooks.example.com/crm", true)]
    [InlineData("ws://hooks.example.com/crm", true)]
    [InlineData("mailto:ops@example.com", false)]
    [InlineData("file:///etc/passwd", true)]
    public void Rejects_schemes_other_than_https_and_allowed_http(string url, bool allowHttp)
        => Rejected(url, allowHttp).Message.ShouldContain("https");

    [Fact]
    public void Accepts_http_only_when_allowed()
    {
        Rejected("http://hooks.example.com/").Message.ShouldContain("must be an https URL");
        WebhookUrl.Validate("http://hooks.example.com/", allowHttp: true, allowPrivateNetworks: false).IsSuccess.ShouldBeTrue();
    }

    [Theory]
    [InlineData("https://user:secret@hooks.example.com/")]
    [InlineData("https://user@hooks.example.com/")]
    [InlineData("https://@hooks.example.com/")]
    [InlineData("https://hooks.example.com@127.0.0.1/")]
    public void Rejects_user_info(string url) => Rejected(url, allowPrivateNetworks: true).Message.ShouldContain("user info");

    [Theory]
    [InlineData("https://hooks.example.com/crm#part")]
    [InlineData("https://hooks.example.com/crm#")]
    public void Rejects_a_fragment(string url) => Rejected(url).Message.ShouldContain("fragment");

    [Theory]
    [InlineData("https://127.0.0.1/", "127.0.0.1")]
    [InlineData("https://127.9.9.9:8443/", "127.9.9.9")]
    [InlineData("https://10.0.0.5/", "10.0.0.5")]
    [InlineData("https://172.20.1.1/", "172.20.1.1")]
    [InlineData("https://192.168.0.10/", "192.168.0.10")]
    [InlineData("https://169.254.169.254/latest/meta-data/", "169.254.169.254")]
    [InlineData("https://0.0.0.0/", "0.0.0.0")]
    [InlineData("https://224.0.0.1/", "224.0.0.1")]
    [InlineData("https://100.64.0.1/", "100.64.0.1")]
    [InlineData("https://[::1]/", "::1")]
    [InlineData("https://[::]/", "::")]
    [InlineData("https://[fd00::1]/", "fd00::1")]
    [InlineData("https://[fe80::1%25eth0]/", "fe80::1")]
    [InlineData("https://[ff02::1]/", "ff02::1")]
    [InlineData("https://[::ffff:127.0.0.1]/", "127.0.0.1")]
    [InlineData("https://[::ffff:a9fe:a9fe]/", "169.254.169.254")]
    [InlineData("https://[64:ff9b::a00:1]/", "10.0.0.1")]
    // Numeric IPv4 forms: decimal, hex, octal, short
    [InlineData("https://2130706433/", "127.0.0.1")]
    [InlineData("https://0x7f000001/", "127.0.0.1")]
    [InlineData("https://0x7f.1/", "127.0.0.1")]
    [InlineData("https://017700000001/", "127.0.0.1")]
    [InlineData("https://0177.0.0.1/", "127.0.0.1")]
    [InlineData("https://127.1/", "127.0.0.1")]
    [InlineData("https://0/", "0.0.0.0")]
    [InlineData("https://2852039166/", "169.254.169.254")]
    [InlineData("https://0xa9.0xfe.0xa9.0xfe/", "169.254.169.254")]
    [InlineData("https://127.0.0.1./", "127.0.0.1")] // a trailing dot
    [InlineData("https://127。0。0。1/", "127.0.0.1")] // ideographic full stops
    [InlineData("https://１２７.０.０.１/", "127.0.0.1")] // full-width digits
    public void Rejects_a_forbidden_literal_address_naming_it(string url, string address)
    {
        var message = Rejected(url).Message;
        message.ShouldContain("must not point at");
        message.ShouldContain(address);
    }

    [Theory]
    [InlineData("https://1.2.3.4.5/")]
    [InlineData("https://256.1.1.1/")]
    [InlineData("https://08.1.1.1/")]
    [InlineData("https://hooks.0x10/")]
    [InlineData("https://example.123/")]
    public void Rejects_a_name_that_ends_in_a_number_but_is_no_address(string url)
    {
        Rejected(url).Message.ShouldContain("looks like an IPv4 address");
        Rejected(url, allowPrivateNetworks: true).Message.ShouldContain("looks like an IPv4 address");
    }

    [Theory]
    [InlineData("https://localhost/")]
    [InlineData("https://LOCALHOST:8080/")]
    [InlineData("https://localhost./")]
    [InlineData("https://api.localhost/")]
    [InlineData("https://ＬＯＣＡＬＨＯＳＴ/")]
    public void Rejects_localhost_names(string url) => Rejected(url).Message.ShouldContain("loopback");

    [Theory]
    [InlineData("https://localhost:5001/hooks")]
    [InlineData("https://api.localhost/hooks")]
    [InlineData("https://127.0.0.1:5001/hooks")]
    [InlineData("https://2130706433/hooks")]
    [InlineData("https://[::1]:5001/hooks")]
    [InlineData("https://10.0.0.5/hooks")]
    [InlineData("https://169.254.169.254/hooks")]
    public void Allows_private_and_loopback_targets_when_configured(string url)
        => WebhookUrl.Validate(url, allowHttp: false, allowPrivateNetworks: true).IsSuccess.ShouldBeTrue();

    [Fact]
    public void Names_the_field_it_was_given()
        => WebhookUrl.Validate("http://x.example/", false, false, field: "endpoint.url").Errors.Single().Field.ShouldBe("endpoint.url");
}
