using System.Text.Json;
using CrmApi.Api.Tests.Contacts;
using CrmApi.Api.Tests.Deals;

namespace CrmApi.Api.Tests.Segments;

public static class SegmentApi
{
    public static Task<JsonElement> CreateSegmentAsync(this HttpClient client, string json) => client.CreateAsync("segments", RecordApi.Json(json));

    /// <summary>Every member id of a segment, following the pages.</summary>
    public static async Task<List<string>> MemberIdsAsync(this HttpClient client, string segmentId, int limit = 1000)
    {
        var ids = new List<string>();
        string? cursor = null;
        do
        {
            var page = await client.GetJsonAsync($"/api/v1/segments/{segmentId}/members?limit={limit}{(cursor is null ? "" : $"&cursor={cursor}")}");
            ids.AddRange(page.GetProperty("data").EnumerateArray().Select(m => m.Str("id")!));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return ids;
    }

    /// <summary>Every segment event of the workspace, oldest first.</summary>
    public static async Task<List<JsonElement>> SegmentEventsAsync(this HttpClient client)
    {
        var events = new List<JsonElement>();
        string? after = null;
        while (true)
        {
            var page = await client.GetJsonAsync($"/api/v1/events?types=segment.*&limit=1000{(after is null ? "" : $"&after={after}")}");
            var data = page.GetProperty("data").EnumerateArray().ToList();
            if (data.Count == 0) return events;
            events.AddRange(data);
            after = page.Str("nextCursor");
        }
    }

    /// <summary>Waits up to 20 s for <paramref name="condition"/>: the segment worker runs in the background.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var value = await read();
            if (condition(value) || DateTime.UtcNow > deadline) return value;
            await Task.Delay(25);
        }
    }

    public static Task<List<string>> MembersEventuallyAsync(this HttpClient client, string segmentId, params string[] expected)
        => EventuallyAsync(() => client.MemberIdsAsync(segmentId), ids => ids.Order().SequenceEqual(expected.Order()));

    public static Task<JsonElement> ReadyAsync(this HttpClient client, string segmentId)
        => EventuallyAsync(() => client.GetJsonAsync($"/api/v1/segments/{segmentId}"), s => s.Str("state") == "ready");
}
