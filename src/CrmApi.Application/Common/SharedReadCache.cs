using System.Collections.Concurrent;

namespace CrmApi.Application.Common;

/// <summary>
/// A process-wide cache for small reads that nearly every request repeats (the API key behind a request, a workspace's
/// custom field definitions). Entries live for the given lifetime at most and are dropped at once when this process
/// changes what they hold, so this instance never serves a stale entry after its own write; another instance sharing
/// the database sees a change within the lifetime.
/// </summary>
/// <remarks>
/// A read that raced with a change must not put the old value back after the change dropped it: each key has a
/// generation that <see cref="Invalidate"/> bumps, and <see cref="Set"/> only stores a value read under the current one.
/// </remarks>
public sealed class SharedReadCache<TKey, TValue>(TimeProvider clock, TimeSpan lifetime, int capacity = 10_000)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();
    private readonly ConcurrentDictionary<TKey, long> _generations = new();

    public bool TryGet(TKey key, out TValue value)
    {
        if (_entries.TryGetValue(key, out var entry) && entry.ExpiresAt > clock.GetTimestamp()
            && entry.Generation == Generation(key))
        {
            value = entry.Value;
            return true;
        }
        value = default!;
        return false;
    }

    /// <summary>The key's generation: take it before reading the value from the database, hand it to <see cref="Set"/>.</summary>
    public long Generation(TKey key) => _generations.TryGetValue(key, out var g) ? g : 0;

    public void Set(TKey key, TValue value, long generation)
    {
        if (lifetime <= TimeSpan.Zero || generation != Generation(key)) return;
        // Keys are bounded by what exists (keys that authenticated, workspaces with fields), but never let it grow unchecked.
        if (_entries.Count >= capacity) _entries.Clear();
        var ticks = (long)(lifetime.TotalSeconds * clock.TimestampFrequency);
        _entries[key] = new Entry(value, clock.GetTimestamp() + ticks, generation);
    }

    public void Invalidate(TKey key)
    {
        _generations.AddOrUpdate(key, 1, (_, g) => g + 1);
        _entries.TryRemove(key, out _);
    }

    private sealed record Entry(TValue Value, long ExpiresAt, long Generation);
}
