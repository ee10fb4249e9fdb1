using System.Net;
using CrmApi.Domain.Webhooks;

namespace CrmApi.Domain.Tests.Webhooks;

public sealed class NetworkAddressesTests
{
    [Theory]
    // IPv4
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("0.1.2.3", "this network")]
    [InlineData("10.0.0.5", "private (10.0.0.0/8)")]
    [InlineData("10.255.255.255", "private (10.0.0.0/8)")]
    [InlineData("100.64.0.1", "carrier-grade NAT")]
    [InlineData("100.127.255.254", "carrier-grade NAT")]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.0.9", "loopback")]
    [InlineData("169.254.169.254", "cloud metadata")]
    [InlineData("169.254.1.1", "link-local (169.254.0.0/16)")]
    [InlineData("172.16.0.1", "private (172.16.0.0/12)")]
    [InlineData("172.31.255.255", "private (172.16.0.0/12)")]
    [InlineData("192.0.0.8", "IETF protocol assignments")]
    [InlineData("192.0.2.10", "documentation")]
    [InlineData("192.88.99.1", "6to4 relay")]
    [InlineData("192.168.1.1", "private (192.168.0.0/16)")]
    [InlineData("198.18.0.1", "benchmarking")]
    [InlineData("198.19.255.255", "benchmarking")]
    [InlineData("198.51.100.7", "documentation")]
    [InlineData("203.0.113.9", "documentation")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("239.255.255.250", "multicast")]
    [InlineData("240.0.0.1", "reserved")]
    [InlineData("255.255.255.255", "broadcast")]
    // IPv6
    [InlineData("::", "unspecified (::)")]
    [InlineData("::1", "loopback (::1)")]
    [InlineData("fc00::1", "unique local")]
    [InlineData("fd00::1", "unique local")]
    [InlineData("fe80::1", "link-local (fe80::/10)")]
    [InlineData("febf::1", "link-local (fe80::/10)")]
    [InlineData("fec0::1", "site-local")]
    [InlineData("ff02::1", "multicast (ff00::/8)")]
    [InlineData("100::1", "discard-only")]
    [InlineData("2001::1", "Teredo")]
    [InlineData("2001:db8::1", "documentation")]
    [InlineData("64:ff9b:1::a00:5", "local-use NAT64")]
    // IPv6 carrying an IPv4 address: judged by that address
    [InlineData("::ffff:127.0.0.1", "IPv4-mapped 127.0.0.1: loopback")]
    [InlineData("::ffff:169.254.169.254", "IPv4-mapped 169.254.169.254: link-local, the cloud metadata")]
    [InlineData("::ffff:0:10.0.0.1", "IPv4-translated 10.0.0.1: private")]
    [InlineData("::127.0.0.1", "IPv4-compatible 127.0.0.1: loopback")]
    [InlineData("::2", "IPv4-compatible 0.0.0.2: \"this network\"")]
    [InlineData("64:ff9b::a9fe:a9fe", "NAT64 169.254.169.254: link-local")]
    [InlineData("64:ff9b::192.168.0.1", "NAT64 192.168.0.1: private")]
    [InlineData("2002:7f00:1::", "6to4 127.0.0.1: loopback")]
    [InlineData("2002:a00:5::1", "6to4 10.0.0.5: private")]
    public void Forbidden_addresses_have_a_reason(string address, string reason)
        => NetworkAddresses.ForbiddenReason(IPAddress.Parse(address)).ShouldNotBeNull().ShouldContain(reason);

    [Theory]
    [InlineData("1.1.1.1")]
    [InlineData("8.8.8.8")]
    [InlineData("9.255.255.255")] // just below 10/8
    [InlineData("11.0.0.0")] // just above 10/8
    [InlineData("100.63.255.255")] // just below 100.64/10
    [InlineData("100.128.0.0")] // just above 100.64/10
    [InlineData("126.255.255.255")]
    [InlineData("128.0.0.0")]
    [InlineData("169.253.255.255")]
    [InlineData("169.255.0.0")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.0")]
    [InlineData("192.167.255.255")]
    [InlineData("192.169.0.0")]
    [InlineData("223.255.255.255")] // just below multicast
    [InlineData("93.184.216.34")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2a00:1450:4001:80b::200e")]
    [InlineData("fbff:ffff::1")] // just below fc00::/7
    [InlineData("::ffff:8.8.8.8")] // IPv4-mapped public
    [InlineData("64:ff9b::808:808")] // NAT64 of 8.8.8.8
    [InlineData("2002:808:808::1")] // 6to4 of 8.8.8.8
    public void Public_addresses_have_no_reason(string address)
    {
        NetworkAddresses.ForbiddenReason(IPAddress.Parse(address)).ShouldBeNull();
        NetworkAddresses.IsPublic(IPAddress.Parse(address)).ShouldBeTrue();
    }

    [Fact]
    public void A_scope_id_does_not_hide_a_link_local_or_loopback_address()
    {
        NetworkAddresses.ForbiddenReason(IPAddress.Parse("fe80::1%2")).ShouldNotBeNull().ShouldContain("link-local");
        NetworkAddresses.ForbiddenReason(new IPAddress(IPAddress.IPv6Loopback.GetAddressBytes(), 3))
            .ShouldNotBeNull().ShouldContain("loopback");
    }
}
