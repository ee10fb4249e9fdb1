using CrmApi.Application.Common;
using Microsoft.Extensions.Time.Testing;

namespace CrmApi.Application.Tests.Common;

public sealed class SharedReadCacheTests
{
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void A_stored_value_is_served_until_its_lifetime_ends()
    {
        var cache = new SharedReadCache<string, int>(_clock, TimeSpan.FromSeconds(5));
        cache.Set("k", 1, cache.Generation("k"));

        _clock.Advance(TimeSpan.FromSeconds(4.9));
        cache.TryGet("k", out var value).ShouldBeTrue();
        value.ShouldBe(1);

        _clock.Advance(TimeSpan.FromSeconds(0.2));
        cache.TryGet("k", out _).ShouldBeFalse();
    }

    [Fact]
    public void Invalidate_drops_the_value_at_once()
    {
        var cache = new SharedReadCache<string, int>(_clock, TimeSpan.FromMinutes(1));
        cache.Set("k", 1, cache.Generation("k"));
        cache.Invalidate("k");
        cache.TryGet("k", out _).ShouldBeFalse();
    }

    [Fact]
    public void A_read_that_raced_with_a_change_does_not_put_the_old_value_back()
    {
        var cache = new SharedReadCache<string, int>(_clock, TimeSpan.FromMinutes(1));
        var generation = cache.Generation("k"); // a request starts reading the old value
        cache.Invalidate("k");                   // another request changes it meanwhile
        cache.Set("k", 1, generation);           // the first request stores what it read

        cache.TryGet("k", out _).ShouldBeFalse();
        cache.Set("k", 2, cache.Generation("k"));
        cache.TryGet("k", out var value).ShouldBeTrue();
        value.ShouldBe(2);
    }

    [Fact]
    public void A_zero_lifetime_turns_the_cache_off()
    {
        var cache = new SharedReadCache<string, int>(_clock, TimeSpan.Zero);
        cache.Set("k", 1, cache.Generation("k"));
        cache.TryGet("k", out _).ShouldBeFalse();
    }

    [Fact]
    public void Keys_are_independent()
    {
        var cache = new SharedReadCache<(Guid, string), int>(_clock, TimeSpan.FromMinutes(1));
        var (a, b) = ((Guid.NewGuid(), "contact"), (Guid.NewGuid(), "contact"));
        cache.Set(a, 1, cache.Generation(a));
        cache.Set(b, 2, cache.Generation(b));
        cache.Invalidate(a);
        cache.TryGet(a, out _).ShouldBeFalse();
        cache.TryGet(b, out var value).ShouldBeTrue();
        value.ShouldBe(2);
    }
}
