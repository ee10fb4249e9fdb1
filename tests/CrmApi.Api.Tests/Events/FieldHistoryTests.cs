using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrmApi.Api.Tests.Infrastructure;

namespace CrmApi.Api.Tests.Events;

public abstract class FieldHistoryTests(ApiFixture fixture)
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task History_of_one_field_lists_each_change_newest_first_with_who_and_when()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var created = await ws.Client.PostAsync("/api/v1/contacts", Json("""{"lastName":"Lovelace","emails":[{"value":"a@example.com"}]}"""));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        await ws.Client.PatchAsync($"/api/v1/contacts/{id}", Json("""{"emails":[{"value":"b@example.com"}]}"""));
        await ws.Client.PatchAsync($"/api/v1/contacts/{id}", Json("""{"jobTitle":"Analyst"}"""));
        await ws.Client.PatchAsync($"/api/v1/contacts/{id}", Json("""{"emails":[{"value":"c@example.com"}],"address":{"city":"London"}}"""));

        var history = await GetAsync(ws.Client, $"/api/v1/contacts/{id}/history?field=email");
        var entries = history.GetProperty("data").EnumerateArray().ToList();
        entries.Select(e => e.GetProperty("after").GetString()).ShouldBe(["c@example.com", "b@example.com", "a@example.com"]);
        entries.Select(e => e.GetProperty("before").ValueKind == JsonValueKind.Null ? null : e.GetProperty("before").GetString())
            .ShouldBe(["b@example.com", "a@example.com", null]);
        entries.ShouldAllBe(e => e.GetProperty("changedBy").GetProperty("type").GetString() == "apiKey");
        entries[0].GetProperty("field").GetString().ShouldBe("email");

        var city = await GetAsync(ws.Client, $"/api/v1/contacts/{id}/history?field=address.city");
        city.GetProperty("data").GetArrayLength().ShouldBe(1);
        city.GetProperty("data")[0].GetProperty("after").GetString().ShouldBe("London");
    }

    [Fact]
    public async Task History_pages_with_a_cursor()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var created = await ws.Client.PostAsync("/api/v1/companies", Json("""{"name":"V0"}"""));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        for (var i = 1; i <= 4; i++) await ws.Client.PatchAsync($"/api/v1/companies/{id}", Json($$"""{"name":"V{{i}}"}"""));

        var names = new List<string>();
        string? cursor = null;
        do
        {
            var page = await GetAsync(ws.Client, $"/api/v1/companies/{id}/history?field=name&limit=2{(cursor is null ? "" : $"&cursor={cursor}")}");
            names.AddRange(page.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("after").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        names.ShouldBe(["V4", "V3", "V2", "V1", "V0"]);
    }

    [Fact]
    public async Task History_of_an_unknown_or_foreign_record_is_404()
    {
        var a = await fixture.NewWorkspaceAsync();
        var b = await fixture.NewWorkspaceAsync();
        var created = await a.Client.PostAsync("/api/v1/contacts", Json("""{"lastName":"A"}"""));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        (await b.Client.GetAsync($"/api/v1/contacts/{id}/history")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await a.Client.GetAsync($"/api/v1/contacts/{Guid.NewGuid()}/history")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await a.Client.GetAsync($"/api/v1/contacts/{id}/history?cursor=nope")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await a.Client.GetAsync($"/api/v1/contacts/{id}/history?limit=0")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class FieldHistorySqliteTests(SqliteApiFixture fixture) : FieldHistoryTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class FieldHistoryPostgresTests(PostgresApiFixture fixture) : FieldHistoryTests(fixture);
