using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrmApi.Api.Tests.Infrastructure;

namespace CrmApi.Api.Tests.CustomFields;

public abstract class CustomFieldTests(ApiFixture fixture)
{
    private static StringContent Json(string json, string mediaType = "application/json") => new(json, Encoding.UTF8, mediaType);

    private static async Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string url, string? json, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, url) { Content = json is null ? null : Json(json) };
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, text);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task DefineAsync(HttpClient client, string json)
        => await SendAsync(client, HttpMethod.Post, "/api/v1/meta/objects/contact/fields", json, HttpStatusCode.Created);

    private static async Task<TestWorkspace> WorkspaceWithFieldsAsync(ApiFixture fixture)
    {
        var ws = await fixture.NewWorkspaceAsync();
        await DefineAsync(ws.Client, """{"key":"tier","label":"Tier","type":"select","options":["gold","silver","bronze"]}""");
        await DefineAsync(ws.Client, """{"key":"score","label":"Score","type":"number"}""");
        await DefineAsync(ws.Client, """{"key":"vip","label":"VIP","type":"boolean"}""");
        await DefineAsync(ws.Client, """{"key":"since","label":"Customer since","type":"date"}""");
        await DefineAsync(ws.Client, """{"key":"erpCode","label":"ERP code","type":"text","unique":true}""");
        await DefineAsync(ws.Client, """{"key":"interests","label":"Interests","type":"multiselect","options":["ai","crm","erp"]}""");
        return ws;
    }

    [Fact]
    public async Task Values_are_validated_stored_and_returned_under_custom()
    {
        var ws = await WorkspaceWithFieldsAsync(fixture);
        var created = await SendAsync(ws.Client, HttpMethod.Post, "/api/v1/contacts",
            """{"lastName":"Lovelace","custom":{"tier":"gold","score":87.5,"vip":true,"since":"2024-03-01","erpCode":"E-1","interests":["erp","ai"]}}""",
            HttpStatusCode.Created);
        var custom = created.GetProperty("custom");
        custom.GetProperty("tier").GetString().ShouldBe("gold");
        custom.GetProperty("score").GetDecimal().ShouldBe(87.5m);
        custom.GetProperty("vip").GetBoolean().ShouldBeTrue();
        custom.GetProperty("since").GetString().ShouldBe("2024-03-01");
        custom.GetProperty("interests").EnumerateArray().Select(i => i.GetString()).ShouldBe(["ai", "erp"]);

        var id = created.GetProperty("id").GetString();
        var got = await SendAsync(ws.Client, HttpMethod.Get, $"/api/v1/contacts/{id}", null, HttpStatusCode.OK);
        got.GetProperty("custom").GetProperty("erpCode").GetString().ShouldBe("E-1");

        // Merge patch: null clears one key, the others stay.
        var patched = await SendAsync(ws.Client, HttpMethod.Patch, $"/api/v1/contacts/{id}", """{"custom":{"score":null,"tier":"silver"}}""", HttpStatusCode.OK);
        patched.GetProperty("custom").TryGetProperty("score", out _).ShouldBeFalse();
        patched.GetProperty("custom").GetProperty("tier").GetString().ShouldBe("silver");
        patched.GetProperty("custom").GetProperty("vip").GetBoolean().ShouldBeTrue();

        var history = await SendAsync(ws.Client, HttpMethod.Get, $"/api/v1/contacts/{id}/history?field=custom.tier", null, HttpStatusCode.OK);
        history.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("after").GetString()).ShouldBe(["silver", "gold"]);
    }

    [Theory]
    [InlineData("""{"custom":{"score":"high"}}""", "custom.score")]
    [InlineData("""{"custom":{"tier":"platinum"}}""", "custom.tier")]
    [InlineData("""{"custom":{"nope":1}}""", "custom.nope")]
    [InlineData("""{"custom":{"vip":"yes"}}""", "custom.vip")]
    [InlineData("""{"custom":{"since":"01/03/2024"}}""", "custom.since")]
    [InlineData("""{"custom":{"interests":["golf"]}}""", "custom.interests")]
    [InlineData("""{"custom":{"score":0.00001}}""", "custom.score")]
    [InlineData("""{"custom":"gold"}""", "custom")]
    public async Task Wrong_values_are_400_naming_the_field_and_write_nothing(string body, string field)
    {
        var ws = await WorkspaceWithFieldsAsync(fixture);
        var before = await ws.FingerprintAsync();
        var problem = await SendAsync(ws.Client, HttpMethod.Post, "/api/v1/contacts", body, HttpStatusCode.BadRequest);
        problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ShouldContain(field);
        (await ws.FingerprintAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Required_is_enforced_on_create_and_unique_across_records()
    {
        var ws = await WorkspaceWithFieldsAsync(fixture);
        await DefineAsync(ws.Client, """{"key":"region","label":"Region","type":"text","required":true}""");
        var before = await ws.FingerprintAsync();
        var missing = await SendAsync(ws.Client, HttpMethod.Post, "/api/v1/contacts", """{"lastName":"A"}""", HttpStatusCode.BadRequest);
        missing.GetProperty("errors")[0].GetProperty("field").GetString().ShouldBe("custom.region");
        (await ws.FingerprintAsync()).ShouldBe(before);

        await SendAsync(ws.Client, HttpMethod.Post, "/api/v1/contacts", """{"lastName":"A","custom":{"region":"EU","erpCode":"E-9"}}""", HttpStatusCode.Created);
        before = await ws.FingerprintAsync();
        var taken = await SendAsync(ws.Client, HttpMethod.Post, "/api/v1/contacts", """{"lastName":"B","custom":{"region":"EU","erpCode":"E-9"}}""", HttpStatusCode.Conflict);
        taken.GetProperty("errors")[0].GetProperty("field").GetString().ShouldBe("custom.erpCode");
        (await ws.FingerprintAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Lists_filter_and_sort_on_custom_fields_in_the_database()
    {
        var ws = await WorkspaceWithFieldsAsync(fixture);
        var ids = new Dictionary<string, string>();
        foreach (var (name, tier, score) in new[] { ("a", "gold", 10), ("b", "gold", 90), ("c", "silver", 50), ("d", "gold", 40), ("e", "bronze", 99) })
        {
            var body = "{\"lastName\":\"" + name + "\",\"custom\":{\"tier\":\"" + tier + "\",\"score\":" + score + "}}";
            var c = await SendAsync(ws.Client, HttpMethod.Post, "/api/v1/contacts", body, HttpStatusCode.Created);
            ids[name] = c.GetProperty("id").GetString()!;
        }
        await SendAsync(ws.Client, HttpMethod.Post, "/api/v1/contacts", """{"lastName":"f"}""", HttpStatusCode.Created);

        var names = new List<string>();
        string? cursor = null;
        do
        {
            var search = """{"filter":{"custom.tier":{"eq":"gold"}},"sort":["-custom.score"],"limit":2""" + (cursor is null ? "" : ",\"cursor\":\"" + cursor + "\"") + "}";
            var page = await SendAsync(ws.Client, HttpMethod.Post, "/api/v1/contacts/search", search, HttpStatusCode.OK);
            names.AddRange(page.GetProperty("data").EnumerateArray().Select(c => c.GetProperty("lastName").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        names.ShouldBe(["b", "d", "a"]);

        var high = await SendAsync(ws.Client, HttpMethod.Get, "/api/v1/contacts?filter=" + Uri.EscapeDataString("""{"custom.score":{"gte":50}}""") + "&sort=custom.score", null, HttpStatusCode.OK);
        high.GetProperty("data").EnumerateArray().Select(c => c.GetProperty("lastName").GetString()).ShouldBe(["c", "b", "e"]);
        var none = await SendAsync(ws.Client, HttpMethod.Post, "/api/v1/contacts/search", """{"filter":{"custom.tier":{"isNull":true}}}""", HttpStatusCode.OK);
        none.GetProperty("data").EnumerateArray().Select(c => c.GetProperty("lastName").GetString()).ShouldBe(["f"]);

        var meta = await SendAsync(ws.Client, HttpMethod.Get, "/api/v1/meta/objects/contact", null, HttpStatusCode.OK);
        meta.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ShouldContain("custom.score");
        meta.GetProperty("customFields").GetArrayLength().ShouldBe(6);
    }

    [Fact]
    public async Task Definitions_are_validated_and_keys_never_change()
    {
        var ws = await WorkspaceWithFieldsAsync(fixture);
        var url = "/api/v1/meta/objects/contact/fields";
        (await SendAsync(ws.Client, HttpMethod.Post, url, """{"key":"tier","label":"Again","type":"text"}""", HttpStatusCode.Conflict))
            .GetProperty("errors")[0].GetProperty("field").GetString().ShouldBe("key");
        await SendAsync(ws.Client, HttpMethod.Post, url, """{"key":"Bad Key","label":"x","type":"text"}""", HttpStatusCode.BadRequest);
        await SendAsync(ws.Client, HttpMethod.Post, url, """{"key":"plan","label":"Plan","type":"select"}""", HttpStatusCode.BadRequest);
        await SendAsync(ws.Client, HttpMethod.Post, url, """{"key":"plan","label":"Plan","type":"text","options":["a"]}""", HttpStatusCode.BadRequest);
        await SendAsync(ws.Client, HttpMethod.Post, url, """{"key":"plan","label":"Plan","type":"spreadsheet"}""", HttpStatusCode.BadRequest);
        await SendAsync(ws.Client, HttpMethod.Post, "/api/v1/meta/objects/widget/fields", """{"key":"plan","label":"Plan","type":"text"}""", HttpStatusCode.NotFound);

        var renamed = await SendAsync(ws.Client, HttpMethod.Patch, $"{url}/tier", """{"key":"level"}""", HttpStatusCode.BadRequest);
        renamed.GetProperty("errors")[0].GetProperty("field").GetString().ShouldBe("key");
        (await SendAsync(ws.Client, HttpMethod.Patch, $"{url}/tier", """{"label":"Customer tier","options":["gold","silver","bronze","platinum"]}""", HttpStatusCode.OK))
            .GetProperty("label").GetString().ShouldBe("Customer tier");
        await SendAsync(ws.Client, HttpMethod.Patch, $"{url}/score", """{"type":"boolean"}""", HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_type_change_is_refused_when_stored_values_do_not_convert()
    {
        var ws = await fixture.NewWorkspaceAsync();
        await DefineAsync(ws.Client, """{"key":"contactPoint","label":"Contact point","type":"text"}""");
        await SendAsync(ws.Client, HttpMethod.Post, "/api/v1/contacts", """{"lastName":"A","custom":{"contactPoint":"not an email"}}""", HttpStatusCode.Created);
        var url = "/api/v1/meta/objects/contact/fields/contactPoint";
        var refused = await SendAsync(ws.Client, HttpMethod.Patch, url, """{"type":"email"}""", HttpStatusCode.Conflict);
        refused.GetProperty("detail").GetString()!.ShouldContain("not an email");
        (await SendAsync(ws.Client, HttpMethod.Patch, url, """{"type":"select","options":["not an email","other"]}""", HttpStatusCode.OK))
            .GetProperty("type").GetString().ShouldBe("select");
    }

    [Fact]
    public async Task A_retired_field_leaves_records_and_filters()
    {
        var ws = await WorkspaceWithFieldsAsync(fixture);
        var c = await SendAsync(ws.Client, HttpMethod.Post, "/api/v1/contacts", """{"lastName":"A","custom":{"tier":"gold"}}""", HttpStatusCode.Created);
        await SendAsync(ws.Client, HttpMethod.Delete, "/api/v1/meta/objects/contact/fields/tier", null, HttpStatusCode.NoContent);
        var got = await SendAsync(ws.Client, HttpMethod.Get, $"/api/v1/contacts/{c.GetProperty("id").GetString()}", null, HttpStatusCode.OK);
        got.GetProperty("custom").TryGetProperty("tier", out _).ShouldBeFalse();
        await SendAsync(ws.Client, HttpMethod.Post, "/api/v1/contacts/search", """{"filter":{"custom.tier":{"eq":"gold"}}}""", HttpStatusCode.BadRequest);
        await SendAsync(ws.Client, HttpMethod.Post, "/api/v1/contacts", """{"lastName":"B","custom":{"tier":"gold"}}""", HttpStatusCode.BadRequest);
        // The key stays taken.
        await SendAsync(ws.Client, HttpMethod.Post, "/api/v1/meta/objects/contact/fields", """{"key":"tier","label":"Tier","type":"text"}""", HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Custom_fields_are_per_workspace_and_need_the_fields_manage_scope()
    {
        var a = await WorkspaceWithFieldsAsync(fixture);
        var b = await fixture.NewWorkspaceAsync();
        await SendAsync(b.Client, HttpMethod.Post, "/api/v1/contacts", """{"lastName":"B","custom":{"tier":"gold"}}""", HttpStatusCode.BadRequest);
        var list = await SendAsync(b.Client, HttpMethod.Get, "/api/v1/meta/objects/contact/fields", null, HttpStatusCode.OK);
        list.GetProperty("data").GetArrayLength().ShouldBe(0);

        var key = (await SendAsync(a.Client, HttpMethod.Post, "/api/v1/api-keys", """{"name":"ro","scopes":["contacts:read"]}""", HttpStatusCode.Created))
            .GetProperty("key").GetString()!;
        using var limited = fixture.Client(key);
        await SendAsync(limited, HttpMethod.Post, "/api/v1/meta/objects/contact/fields", """{"key":"x","label":"x","type":"text"}""", HttpStatusCode.Forbidden);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CustomFieldSqliteTests(SqliteApiFixture fixture) : CustomFieldTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class CustomFieldPostgresTests(PostgresApiFixture fixture) : CustomFieldTests(fixture);
