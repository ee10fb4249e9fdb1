using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace CrmApi.Bench.Webhooks;

/// <summary>The few API calls the benchmark makes. Every answer outside 2xx is counted; setup calls also fail the run.</summary>
internal sealed class CrmClient(HttpClient http)
{
    private int _non2xx;

    public int Non2xx => Volatile.Read(ref _non2xx);

    /// <summary>Creates a workspace with the admin key; returns its full-scope key.</summary>
    public async Task<string> CreateWorkspaceAsync(string api, string adminKey, string name, CancellationToken ct)
    {
        using var doc = await PostAsync(api, "/api/v1/workspaces", adminKey, $$"""{"name":"{{name}}"}""", ct)
            ?? throw new BenchException("creating the workspace failed");
        return doc.RootElement.GetProperty("apiKey").GetProperty("key").GetString()!;
    }

    /// <summary>Subscribes a URL to contact.created.</summary>
    public async Task CreateWebhookAsync(string api, string key, string url, CancellationToken ct)
    {
        using var doc = await PostAsync(api, "/api/v1/webhooks", key, $$"""{"url":"{{url}}","eventTypes":["contact.created"]}""", ct)
            ?? throw new BenchException($"creating the webhook {url} failed");
    }

    /// <summary>Creates a contact; returns its id and the Stopwatch ticks when the 201 arrived, or null on a non-2xx.</summary>
    public async Task<(Guid Id, long At)?> CreateContactAsync(string api, string key, int i, CancellationToken ct)
    {
        using var doc = await PostAsync(api, "/api/v1/contacts", key, $$"""{"firstName":"Hook{{i}}","lastName":"Bench"}""", ct);
        var at = Stopwatch.GetTimestamp();
        return doc is null ? null : (doc.RootElement.GetProperty("id").GetGuid(), at);
    }

    private async Task<JsonDocument?> PostAsync(string api, string path, string key, string json, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, api + path)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        if (response.IsSuccessStatusCode) return JsonDocument.Parse(body);
        if (Interlocked.Increment(ref _non2xx) <= 5)
            await Console.Error.WriteLineAsync($"[webhooks] POST {path} answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 500)))}");
        return null;
    }
}
