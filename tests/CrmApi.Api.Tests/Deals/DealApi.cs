using System.Net;
using System.Text.Json;
using CrmApi.Api.Tests.Contacts;

namespace CrmApi.Api.Tests.Deals;

/// <summary>HTTP helpers for the pipeline and deal contract tests.</summary>
public static class DealApi
{
    public static async Task<List<JsonElement>> PipelinesAsync(this HttpClient client, string? objectType = null)
    {
        var response = await client.GetAsync("/api/v1/pipelines" + (objectType is null ? "" : $"?objectType={objectType}"));
        return [.. (await response.ReadPageAsync()).Items];
    }

    public static async Task<JsonElement> DefaultPipelineAsync(this HttpClient client, string objectType = "deal")
        => (await client.PipelinesAsync(objectType)).Single(p => p.GetProperty("isDefault").GetBoolean());

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Task<JsonElement> CreateDealAsync(this HttpClient client, object body) => client.CreateAsync("deals", body);

    public static async Task<JsonElement> PatchDealAsync(this HttpClient client, string id, string json)
    {
        var response = await client.PatchAsync($"/api/v1/deals/{id}", json);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The events about one record, oldest first.</summary>
    public static async Task<List<JsonElement>> EventsOfAsync(this HttpClient client, string id, string types = "deal.*")
        => [.. (await client.GetJsonAsync($"/api/v1/events?objectId={id}&types={types}&limit=1000")).GetProperty("data").EnumerateArray()];

    public static IReadOnlyList<string> Keys(this JsonElement pipeline)
        => [.. pipeline.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("key").GetString()!)];

    public static JsonElement StageOf(this JsonElement pipeline, string key)
        => pipeline.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("key").GetString() == key);

    /// <summary>A deal pipeline with open stages a (0.1) and b (0.5), won and lost.</summary>
    public const string SmallPipeline =
        """{"name":"Small","objectType":"deal","stages":[{"key":"a","label":"A","probability":0.1},{"key":"b","label":"B","probability":0.5},{"key":"won","label":"Won","category":"won"},{"key":"lost","label":"Lost","category":"lost"}]}""";
}
