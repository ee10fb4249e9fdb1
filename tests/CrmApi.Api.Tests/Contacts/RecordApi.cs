using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmApi.Api.Tests.Contacts;

/// <summary>
/// HTTP helpers shared by the contact, company and list contract tests: JSON bodies, creating records, problem
/// assertions and lists (GET with the filter in the query string and POST /search with it in the body).
/// </summary>
public static class RecordApi
{
    public const string MergePatch = "application/merge-patch+json";

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static StringContent Json(string json, string mediaType = "application/json") => new(json, Encoding.UTF8, mediaType);

    public static StringContent Json(object value, string mediaType = "application/json")
        => Json(JsonSerializer.Serialize(value, Web), mediaType);

    public static async Task<JsonElement> BodyAsync(this HttpResponseMessage response)
        => await response.Content.ReadFromJsonAsync<JsonElement>();

    public static string Id(this JsonElement record) => record.GetProperty("id").GetString()!;

    public static long Version(this JsonElement record) => record.GetProperty("version").GetInt64();

    public static string? Str(this JsonElement record, string property)
        => record.GetProperty(property) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    public static string ETag(this HttpResponseMessage response) => response.Headers.ETag!.Tag;

    public static async Task<JsonElement> CreateAsync(this HttpClient client, string collection, object body)
    {
        var response = await client.PostAsync($"/api/v1/{collection}", body as HttpContent ?? (body is string s ? Json(s) : Json(body)));
        if (response.StatusCode != HttpStatusCode.Created)
            throw new ShouldAssertException($"POST /{collection} returned {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.BodyAsync();
    }

    public static Task<JsonElement> CreateContactAsync(this HttpClient client, object body) => client.CreateAsync("contacts", body);

    public static Task<JsonElement> CreateCompanyAsync(this HttpClient client, object body) => client.CreateAsync("companies", body);

    public static async Task<HttpResponseMessage> SendAsync(this HttpClient client, HttpMethod method, string url,
        HttpContent? content = null, string? ifMatch = null, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (ifNoneMatch is not null) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        return await client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PatchAsync(this HttpClient client, string url, string json,
        string mediaType = MergePatch, string? ifMatch = null)
        => client.SendAsync(HttpMethod.Patch, url, Json(json, mediaType), ifMatch);

    /// <summary>Asserts an RFC 9457 problem with the status and, when given, <paramref name="field"/> as the first field error.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var body = JsonDocument.Parse(text).RootElement.Clone();
        body.GetProperty("status").GetInt32().ShouldBe((int)status);
        body.GetProperty("type").GetString().ShouldStartWith("urn:crmapi:problem:");
        if (field is not null)
        {
            body.TryGetProperty("errors", out var errors).ShouldBeTrue(text);
            errors[0].GetProperty("field").GetString().ShouldBe(field, text);
        }
        return body;
    }

    /// <summary>The parts of a problem that must not vary with the cause (everything but the trace id).</summary>
    public static string ProblemShape(JsonElement problem)
        => string.Join("|", problem.GetProperty("type").GetString(), problem.GetProperty("title").GetString(),
            problem.GetProperty("status").GetInt32(), problem.GetProperty("detail").GetString(),
            problem.TryGetProperty("errors", out var errors) ? errors.GetRawText() : "");

    public static string ListUrl(string collection, string? filter = null, string? sort = null, int? limit = null, string? cursor = null)
    {
        var query = new List<string>();
        if (filter is not null) query.Add($"filter={Uri.EscapeDataString(filter)}");
        if (sort is not null) query.Add($"sort={Uri.EscapeDataString(sort)}");
        if (limit is not null) query.Add($"limit={limit}");
        if (cursor is not null) query.Add($"cursor={Uri.EscapeDataString(cursor)}");
        return $"/api/v1/{collection}" + (query.Count > 0 ? "?" + string.Join("&", query) : "");
    }

    public static StringContent SearchBody(string? filter = null, string? sort = null, int? limit = null, string? cursor = null)
    {
        var body = new JsonObject();
        if (filter is not null) body["filter"] = JsonNode.Parse(filter);
        if (sort is not null) body["sort"] = new JsonArray([.. sort.Split(',').Select(s => (JsonNode)JsonValue.Create(s)!)]);
        if (limit is not null) body["limit"] = limit;
        if (cursor is not null) body["cursor"] = cursor;
        return Json(body.ToJsonString());
    }

    public sealed record PageResult(IReadOnlyList<JsonElement> Items, string? NextCursor)
    {
        public IReadOnlyList<string> Ids => [.. Items.Select(i => i.Id())];
    }

    public static async Task<PageResult> ReadPageAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        var body = JsonDocument.Parse(text).RootElement.Clone();
        var next = body.GetProperty("nextCursor");
        return new PageResult([.. body.GetProperty("data").EnumerateArray()], next.ValueKind == JsonValueKind.Null ? null : next.GetString());
    }

    public static async Task<PageResult> GetPageAsync(this HttpClient client, string collection,
        string? filter = null, string? sort = null, int? limit = null, string? cursor = null)
        => await (await client.GetAsync(ListUrl(collection, filter, sort, limit, cursor))).ReadPageAsync();

    public static async Task<PageResult> SearchPageAsync(this HttpClient client, string collection,
        string? filter = null, string? sort = null, int? limit = null, string? cursor = null)
        => await (await client.PostAsync($"/api/v1/{collection}/search", SearchBody(filter, sort, limit, cursor))).ReadPageAsync();

    /// <summary>Every row, following nextCursor until it is null; <paramref name="search"/> pages with POST /search.</summary>
    public static async Task<List<JsonElement>> ListAllAsync(this HttpClient client, string collection,
        string? filter = null, string? sort = null, int limit = 200, bool search = false)
    {
        var all = new List<JsonElement>();
        string? cursor = null;
        for (var pages = 0; ; pages++)
        {
            pages.ShouldBeLessThan(1000, "the cursor never ends");
            var page = search
                ? await client.SearchPageAsync(collection, filter, sort, limit, cursor)
                : await client.GetPageAsync(collection, filter, sort, limit, cursor);
            page.Items.Count.ShouldBeLessThanOrEqualTo(limit);
            all.AddRange(page.Items);
            if (page.NextCursor is null) return all;
            page.Items.Count.ShouldBe(limit, "only the last page may be short");
            cursor = page.NextCursor;
        }
    }

    /// <summary>The ids a filter selects, asserting that GET and POST /search agree row for row.</summary>
    public static async Task<IReadOnlyList<string>> IdsAsync(this HttpClient client, string collection, string? filter, string? sort = null)
    {
        var viaGet = await client.GetPageAsync(collection, filter, sort, 200);
        var viaSearch = await client.SearchPageAsync(collection, filter, sort, 200);
        viaGet.NextCursor.ShouldBeNull();
        viaSearch.Ids.ShouldBe(viaGet.Ids, $"GET and POST /search disagree for {filter}");
        return viaGet.Ids;
    }

    /// <summary>Sorts ids as both databases order UUIDs: by their canonical text.</summary>
    public static int CompareIds(string a, string b) => string.CompareOrdinal(a.ToLowerInvariant(), b.ToLowerInvariant());
}
