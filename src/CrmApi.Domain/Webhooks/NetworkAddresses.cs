using System.Net;
using System.Net.Sockets;

namespace CrmApi.Domain.Webhooks;

/// <summary>
/// Which IP addresses a webhook may not be sent to: anything that is not a globally reachable unicast address, so a
/// subscriber cannot aim our server at itself, its network or a cloud metadata service (server-side request forgery).
/// </summary>
/// <remarks>
/// <para>
/// The ranges follow the IANA special-purpose address registries (entries not globally reachable), with two deliberate
/// choices. Benchmarking (198.18.0.0/15) and documentation ranges are refused too: no real receiver lives there, and
/// some proxies hand out 198.18/15 addresses that lead back inside. IPv6 forms that carry an IPv4 address are judged by
/// that address, because a host or gateway that understands them delivers to it: IPv4-mapped (::ffff:0:0/96),
/// IPv4-translated (::ffff:0:0:0/96), IPv4-compatible (::/96, deprecated), NAT64 (64:ff9b::/96) and 6to4 (2002::/16).
/// Forms whose embedded address cannot be judged reliably are refused whole: local-use NAT64 (64:ff9b:1::/48, the
/// address sits where the operator chose) and Teredo (2001::/32, the client address is obfuscated and the relay
/// unknown).
/// </para>
/// <para>
/// This is a pure rule on one address. Resolving a name and checking every address it resolves to is the sender's job.
/// </para>
/// </remarks>
public static class NetworkAddresses
{
    // The first range that contains an address gives its reason, so a specific entry stands before its wider range.
    private static readonly (IPNetwork Network, string Reason)[] V4Ranges =
    [
        (IPNetwork.Parse("0.0.0.0/32"), "unspecified (0.0.0.0)"),
        (IPNetwork.Parse("0.0.0.0/8"), "\"this network\" (0.0.0.0/8)"),
        (IPNetwork.Parse("10.0.0.0/8"), "private (10.0.0.0/8)"),
        (IPNetwork.Parse("100.64.0.0/10"), "carrier-grade NAT (100.64.0.0/10)"),
        (IPNetwork.Parse("127.0.0.0/8"), "loopback (127.0.0.0/8)"),
        (IPNetwork.Parse("169.254.169.254/32"), "link-local, the cloud metadata service (169.254.169.254)"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local (169.254.0.0/16)"),
        (IPNetwork.Parse("172.16.0.0/12"), "private (172.16.0.0/12)"),
        (IPNetwork.Parse("192.0.0.0/24"), "IETF protocol assignments (192.0.0.0/24)"),
        (IPNetwork.Parse("192.0.2.0/24"), "documentation (192.0.2.0/24)"),
        (IPNetwork.Parse("192.88.99.0/24"), "6to4 relay anycast (192.88.99.0/24)"),
        (IPNetwork.Parse("192.168.0.0/16"), "private (192.168.0.0/16)"),
        (IPNetwork.Parse("198.18.0.0/15"), "benchmarking (198.18.0.0/15)"),
        (IPNetwork.Parse("198.51.100.0/24"), "documentation (198.51.100.0/24)"),
        (IPNetwork.Parse("203.0.113.0/24"), "documentation (203.0.113.0/24)"),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast (224.0.0.0/4)"),
        (IPNetwork.Parse("255.255.255.255/32"), "broadcast (255.255.255.255)"),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved (240.0.0.0/4)"),
    ];

    private static readonly (IPNetwork Network, string Reason)[] V6Ranges =
    [
        (IPNetwork.Parse("::/128"), "unspecified (::)"),
        (IPNetwork.Parse("::1/128"), "loopback (::1)"),
        (IPNetwork.Parse("64:ff9b:1::/48"), "local-use NAT64 (64:ff9b:1::/48)"),
        (IPNetwork.Parse("100::/64"), "discard-only (100::/64)"),
        (IPNetwork.Parse("2001::/32"), "Teredo (2001::/32)"),
        (IPNetwork.Parse("2001:db8::/32"), "documentation (2001:db8::/32)"),
        (IPNetwork.Parse("fc00::/7"), "unique local (fc00::/7)"),
        (IPNetwork.Parse("fe80::/10"), "link-local (fe80::/10)"),
        (IPNetwork.Parse("fec0::/10"), "site-local (fec0::/10, deprecated)"),
        (IPNetwork.Parse("ff00::/8"), "multicast (ff00::/8)"),
    ];

    // IPv4-mapped addresses (::ffff:0:0/96) are tested with IsIPv4MappedToIPv6: IPNetwork.Contains never matches them.
    // IPv6 prefixes whose last 32 bits (or, for 6to4, bits 16–47) are an IPv4 address that decides.
    private static readonly IPNetwork Translated = IPNetwork.Parse("::ffff:0:0:0/96");
    private static readonly IPNetwork Compatible = IPNetwork.Parse("::/96");
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    /// <summary>Why a webhook may not be sent to <paramref name="address"/>, or null when it is a public address.</summary>
    public static string? ForbiddenReason(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => Match(V4Ranges, address),
            AddressFamily.InterNetworkV6 => V6Reason(address),
            _ => $"not an IP address ({address.AddressFamily})",
        };
    }

    /// <summary>True when <paramref name="address"/> is public.</summary>
    public static bool IsPublic(IPAddress address) => ForbiddenReason(address) is null;

    private static string? V6Reason(IPAddress address)
    {
        // :: and ::1 lie inside ::/96 but are named for what they are.
        if (Match(V6Ranges.AsSpan(0, 2), address) is { } special) return special;

        var bytes = address.GetAddressBytes();
        var (form, v4Bytes) =
            address.IsIPv4MappedToIPv6 ? ("IPv4-mapped", bytes[12..]) :
            Translated.Contains(address) ? ("IPv4-translated", bytes[12..]) :
            Compatible.Contains(address) ? ("IPv4-compatible", bytes[12..]) :
            Nat64.Contains(address) ? ("NAT64", bytes[12..]) :
            SixToFour.Contains(address) ? ("6to4", bytes[2..6]) :
            (null, null);
        if (v4Bytes is null) return Match(V6Ranges, address);

        var v4 = new IPAddress(v4Bytes);
        return Match(V4Ranges, v4) is { } reason ? $"{form} {v4}: {reason}" : null;
    }

    private static string? Match(ReadOnlySpan<(IPNetwork Network, string Reason)> ranges, IPAddress address)
    {
        foreach (var (network, reason) in ranges)
        {
            if (network.Contains(address)) return reason;
        }
        return null;
    }
}
