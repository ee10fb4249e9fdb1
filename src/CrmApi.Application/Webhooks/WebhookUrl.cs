using System.Net;
using CrmApi.Application.Common;
using CrmApi.Domain.Webhooks;

namespace CrmApi.Application.Webhooks;

/// <summary>
/// The rule for a webhook's URL, applied when a webhook is created or its URL changes. It refuses what can be judged
/// from the text alone; names are resolved and their addresses checked again each time a delivery connects.
/// </summary>
public static class WebhookUrl
{
    public const int MaxLength = 2000;

    /// <summary>
    /// The URL as an absolute <see cref="Uri"/>, or a validation error on <paramref name="field"/>: missing, longer than
    /// <see cref="MaxLength"/>, relative, not https (http only with <paramref name="allowHttp"/>), with user info or a
    /// fragment, or aimed at a forbidden literal address or a <c>localhost</c> name (both allowed with
    /// <paramref name="allowPrivateNetworks"/>).
    /// </summary>
    /// <remarks>
    /// IPv4 hosts written in decimal, octal or hex (<c>http://2130706433/</c>, <c>http://0x7f.1/</c>) are read by
    /// <see cref="Uri"/> as the dotted address and judged as such. A name whose last label is a number
    /// (<c>1.2.3.4.5</c>, <c>256.1.1.1</c>, <c>127.0.0.1.</c>, <c>host.0x10</c>) is an IPv4 address to the URL
    /// standard (WHATWG "ends in a number"): it is judged as one when it parses and refused when it does not, because
    /// resolvers disagree on what such a name means. Hosts are compared in their IDNA form, so full-width digits, dots
    /// and letters (folded to ASCII here even where the process lacks globalization data) cannot disguise an address
    /// or <c>localhost</c>.
    /// </remarks>
    public static Result<Uri> Validate(string? url, bool allowHttp, bool allowPrivateNetworks, string field = "url")
    {
        if (string.IsNullOrWhiteSpace(url)) return Error.Validation(field, $"'{field}' is required.");
        if (url.Length > MaxLength) return Error.Validation(field, $"'{field}' must be at most {MaxLength} characters.");
        // On Unix "/path" parses as an absolute file URI: absolute means the text itself starts with a scheme.
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !url.StartsWith(uri.Scheme + ":", StringComparison.OrdinalIgnoreCase))
            return Error.Validation(field, $"'{field}' must be an absolute URL.");

        var schemeOk = uri.Scheme == Uri.UriSchemeHttps || (allowHttp && uri.Scheme == Uri.UriSchemeHttp);
        if (!schemeOk)
            return Error.Validation(field, allowHttp ? $"'{field}' must be an http or https URL." : $"'{field}' must be an https URL.");
        if (uri.UserInfo.Length > 0 || RawAuthority(url).Contains('@'))
            return Error.Validation(field, $"'{field}' must not contain user info.");
        if (uri.Fragment.Length > 0 || url.Contains('#'))
            return Error.Validation(field, $"'{field}' must not contain a fragment.");

        return HostError(uri, allowPrivateNetworks) is { } message ? Error.Validation(field, $"'{field}' {message}") : uri;
    }

    private static string? HostError(Uri uri, bool allowPrivateNetworks)
    {
        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6)
        {
            // IdnHost: IPv6 without brackets, with its zone (which names an interface, not another address).
            var literal = uri.IdnHost;
            var zone = literal.IndexOf('%');
            if (zone >= 0) literal = literal[..zone];
            return IPAddress.TryParse(literal, out var address) ? AddressError(address, allowPrivateNetworks) : "has an invalid IP address.";
        }
        if (uri.IdnHost.Length == 0) return "must name a host.";
        // The name is judged as the HTTP stack sends it (IdnHost) and with full-width forms folded to ASCII, as IDNA
        // mapping does where globalization data is present (this process may run without it).
        return NameError(uri.IdnHost, allowPrivateNetworks) ?? NameError(FoldFullWidth(uri.Host), allowPrivateNetworks);
    }

    private static string? NameError(string host, bool allowPrivateNetworks)
    {
        var name = host.EndsWith('.') ? host[..^1] : host;
        if (EndsInANumber(name))
        {
            return IPAddress.TryParse(name, out var numeric)
                ? AddressError(numeric, allowPrivateNetworks)
                : $"has the host '{host}', which looks like an IPv4 address but is not one.";
        }
        if (!allowPrivateNetworks && (name.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)))
            return $"must not point at '{host}' (loopback).";
        return null;
    }

    private static string FoldFullWidth(string host) => string.Create(host.Length, host, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            span[i] = c switch
            {
                '\u3002' or '\uFF0E' or '\uFF61' => '.', // ideographic, full-width and half-width full stops
                >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0), // full-width ASCII
                _ => c,
            };
        }
    });

    private static string? AddressError(IPAddress address, bool allowPrivateNetworks)
        => allowPrivateNetworks || NetworkAddresses.ForbiddenReason(address) is not { } reason
            ? null
            : $"must not point at {address}: {reason}.";

    /// <summary>The URL standard's test: the last label is decimal digits, or <c>0x</c> followed by hex digits.</summary>
    private static bool EndsInANumber(string name)
    {
        var last = name[(name.LastIndexOf('.') + 1)..];
        if (last.Length == 0) return false;
        if (last.All(char.IsAsciiDigit)) return true;
        return last.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && last[2..].All(char.IsAsciiHexDigit);
    }

    // Uri drops an empty user info ("https://@host/"); the text still carries one.
    private static string RawAuthority(string url)
    {
        var start = url.IndexOf("://", StringComparison.Ordinal);
        if (start < 0) return "";
        var rest = url[(start + 3)..];
        var end = rest.IndexOfAny(['/', '?', '#', '\\']);
        return end < 0 ? rest : rest[..end];
    }
}
