using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrmApi.Api.Tests.Infrastructure;

namespace CrmApi.Api.Tests.Activities;

public abstract class ActivityTests(ApiFixture fixture)
{
    private static StringContent Json(string json, string mediaType = "application/json") => new(json, Encoding.UTF8, mediaType);

    private static async Task<JsonElement> CreateAsync(HttpClient client, string path, string json)
    {
        var response = await client.PostAsync(path, Json(json));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string Id(JsonElement e) => e.GetProperty("id").GetString()!;

    [Fact]
    public async Task Each_type_is_created_with_its_own_fields()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var contact = Id(await CreateAsync(ws.Client, "/api/v1/contacts", """{"lastName":"Lovelace"}"""));
        var company = Id(await CreateAsync(ws.Client, "/api/v1/companies", """{"name":"Engines"}"""));
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);

        var note = await CreateAsync(ws.Client, "/api/v1/activities", $$"""{"type":"note","body":"Met at the fair","contactIds":["{{contact}}"]}""");
        note.GetProperty("type").GetString().ShouldBe("note");
        note.GetProperty("occurredAt").GetDateTimeOffset().ShouldBeGreaterThan(before);
        note.GetProperty("contactIds")[0].GetString().ShouldBe(contact);

        var task = await CreateAsync(ws.Client, "/api/v1/activities",
            $$"""{"type":"task","title":"Send offer","dueAt":"2026-12-01T09:00:00Z","assignee":"u-7","contactIds":["{{contact}}"],"companyIds":["{{company}}"]}""");
        task.GetProperty("status").GetString().ShouldBe("open");
        task.GetProperty("companyIds")[0].GetString().ShouldBe(company);

        var email = await CreateAsync(ws.Client, "/api/v1/activities",
            $$"""{"type":"email","direction":"outbound","subject":"Offer","from":"Me@Example.com","to":["ada@example.com"],"sentAt":"2026-11-20T10:00:00Z","occurredAt":"2026-11-20T10:00:00Z","contactIds":["{{contact}}"]}""");
        email.GetProperty("from").GetString().ShouldBe("me@example.com");
        email.GetProperty("to")[0].GetString().ShouldBe("ada@example.com");

        var purchase = await CreateAsync(ws.Client, "/api/v1/activities",
            $$"""{"type":"purchase","orderReference":"SO-1","amount":120.5,"currency":"eur","occurredAt":"2026-10-01T00:00:00Z","contactIds":["{{contact}}"]}""");
        purchase.GetProperty("amount").GetDecimal().ShouldBe(120.5m);
        purchase.GetProperty("currency").GetString().ShouldBe("EUR");

        await CreateAsync(ws.Client, "/api/v1/activities",
            $$"""{"type":"call","direction":"inbound","durationSeconds":300,"outcome":"connected","companyIds":["{{company}}"]}""");
        await CreateAsync(ws.Client, "/api/v1/activities",
            $$"""{"type":"meeting","title":"Demo","startAt":"2026-11-25T10:00:00Z","endAt":"2026-11-25T11:00:00Z","attendees":["Ada"],"contactIds":["{{contact}}"]}""");

        var got = await GetAsync(ws.Client, $"/api/v1/activities/{Id(task)}");
        got.GetProperty("title").GetString().ShouldBe("Send offer");
    }

    [Theory]
    [InlineData("""{"type":"note","body":"x","subject":"nope","contactIds":["{contact}"]}""", "subject")]
    [InlineData("""{"type":"note","contactIds":["{contact}"]}""", "body")]
    [InlineData("""{"type":"note","body":"x"}""", "contactIds")]
    [InlineData("""{"body":"x","contactIds":["{contact}"]}""", "type")]
    [InlineData("""{"type":"note","body":"x","contactIds":["00000000-0000-0000-0000-000000000001"]}""", "contactIds[0]")]
    [InlineData("""{"type":"purchase","currency":"EUR","contactIds":["{contact}"]}""", "amount")]
    [InlineData("""{"type":"purchase","amount":1,"currency":"XYZ","contactIds":["{contact}"]}""", "currency")]
    [InlineData("""{"type":"meeting","title":"t","startAt":"2026-01-02T00:00:00Z","endAt":"2026-01-01T00:00:00Z","contactIds":["{contact}"]}""", "endAt")]
    [InlineData("""{"type":"email","to":["not-an-email"],"contactIds":["{contact}"]}""", "to[0]")]
    [InlineData("""{"type":"dinner","contactIds":["{contact}"]}""", "type")]
    public async Task Invalid_activities_are_400_naming_the_field_and_write_nothing(string template, string field)
    {
        var ws = await fixture.NewWorkspaceAsync();
        var contact = Id(await CreateAsync(ws.Client, "/api/v1/contacts", """{"lastName":"A"}"""));
        var before = await ws.FingerprintAsync();
        var response = await ws.Client.PostAsync("/api/v1/activities", Json(template.Replace("{contact}", contact)));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ShouldContain(field);
        (await ws.FingerprintAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_contact_of_another_workspace_cannot_be_linked()
    {
        var a = await fixture.NewWorkspaceAsync();
        var b = await fixture.NewWorkspaceAsync();
        var foreign = Id(await CreateAsync(a.Client, "/api/v1/contacts", """{"lastName":"A"}"""));
        var before = await b.FingerprintAsync();
        var response = await b.Client.PostAsync("/api/v1/activities", Json($$"""{"type":"note","body":"x","contactIds":["{{foreign}}"]}"""));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await b.FingerprintAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Lists_filter_on_type_links_and_type_specific_fields()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var ada = Id(await CreateAsync(ws.Client, "/api/v1/contacts", """{"lastName":"Lovelace"}"""));
        var grace = Id(await CreateAsync(ws.Client, "/api/v1/contacts", """{"lastName":"Hopper"}"""));
        var small = Id(await CreateAsync(ws.Client, "/api/v1/activities", $$"""{"type":"purchase","amount":20,"currency":"EUR","occurredAt":"2026-01-01T00:00:00Z","contactIds":["{{ada}}"]}"""));
        var big = Id(await CreateAsync(ws.Client, "/api/v1/activities", $$"""{"type":"purchase","amount":900,"currency":"EUR","occurredAt":"2026-02-01T00:00:00Z","contactIds":["{{ada}}"]}"""));
        var call = Id(await CreateAsync(ws.Client, "/api/v1/activities", $$"""{"type":"call","occurredAt":"2026-03-01T00:00:00Z","contactIds":["{{grace}}"]}"""));

        async Task<List<string>> Ids(string filter, string sort = "-occurredAt")
        {
            var response = await ws.Client.PostAsync("/api/v1/activities/search", Json($$"""{"filter":{{filter}},"sort":["{{sort}}"]}"""));
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").EnumerateArray().Select(Id)];
        }

        (await Ids("""{"type":{"eq":"purchase"}}""")).ShouldBe([big, small]);
        (await Ids("{\"contact.id\":{\"eq\":\"" + ada + "\"}}", "occurredAt")).ShouldBe([small, big]);
        (await Ids("""{"amount":{"gte":100}}""")).ShouldBe([big]);
        (await Ids("""{"contact.lastName":{"eq":"Hopper"}}""")).ShouldBe([call]);
        (await Ids("""{"occurredAt":{"gte":"2026-01-15T00:00:00Z"}}""")).ShouldBe([call, big]);
    }

    [Fact]
    public async Task Updates_write_events_and_history()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var ada = Id(await CreateAsync(ws.Client, "/api/v1/contacts", """{"lastName":"Lovelace"}"""));
        var task = Id(await CreateAsync(ws.Client, "/api/v1/activities", $$"""{"type":"task","title":"Call back","contactIds":["{{ada}}"]}"""));
        var patched = await ws.Client.PatchAsync($"/api/v1/activities/{task}", Json("""{"status":"done"}""", "application/merge-patch+json"));
        patched.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await patched.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64().ShouldBe(2);

        var events = await GetAsync(ws.Client, $"/api/v1/events?types=activity.*&objectId={task}");
        events.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ShouldBe(["activity.created", "activity.updated"]);
        events.GetProperty("data")[1].GetProperty("changes").GetProperty("status").GetProperty("after").GetString().ShouldBe("done");
        var history = await GetAsync(ws.Client, $"/api/v1/activities/{task}/history?field=status");
        history.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("after").GetString()).ShouldBe(["done", "open"]);
    }

    [Fact]
    public async Task A_timeline_merges_activities_and_events_newest_first_across_pages()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var ada = Id(await CreateAsync(ws.Client, "/api/v1/contacts", """{"lastName":"Lovelace"}"""));
        var company = Id(await CreateAsync(ws.Client, "/api/v1/companies", """{"name":"Engines"}"""));
        (await ws.Client.PutAsync($"/api/v1/contacts/{ada}/companies/{company}", Json("""{"primary":true}"""))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var old = Id(await CreateAsync(ws.Client, "/api/v1/activities", $$"""{"type":"note","body":"old","occurredAt":"2020-01-01T00:00:00Z","contactIds":["{{ada}}"]}"""));
        var recent = Id(await CreateAsync(ws.Client, "/api/v1/activities", $$"""{"type":"call","contactIds":["{{ada}}"],"companyIds":["{{company}}"]}"""));
        await ws.Client.PatchAsync($"/api/v1/contacts/{ada}", Json("""{"jobTitle":"Analyst"}"""));
        await CreateAsync(ws.Client, "/api/v1/activities", $$"""{"type":"note","body":"elsewhere","companyIds":["{{company}}"]}""");

        var items = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await GetAsync(ws.Client, $"/api/v1/contacts/{ada}/timeline?limit=2{(cursor is null ? "" : $"&cursor={cursor}")}");
            items.AddRange(page.GetProperty("data").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        // Activities: old and recent; events: created, association.added, updated.
        items.Count.ShouldBe(5);
        items.Select(i => i.GetProperty("id").GetString()).Distinct().Count().ShouldBe(5);
        var times = items.Select(i => i.GetProperty("occurredAt").GetDateTimeOffset()).ToList();
        times.ShouldBe(times.OrderByDescending(t => t).ToList());
        items[^1].GetProperty("activity").GetProperty("id").GetString().ShouldBe(old);
        items.Count(i => i.GetProperty("kind").GetString() == "event").ShouldBe(3);
        items.ShouldContain(i => i.GetProperty("kind").GetString() == "activity" && i.GetProperty("activity").GetProperty("id").GetString() == recent);

        var companyTimeline = await GetAsync(ws.Client, $"/api/v1/companies/{company}/timeline");
        var kinds = companyTimeline.GetProperty("data").EnumerateArray()
            .Select(i => i.GetProperty("kind").GetString() == "event" ? i.GetProperty("event").GetProperty("type").GetString() : "activity").ToList();
        kinds.Count(k => k == "activity").ShouldBe(2);
        kinds.ShouldContain("association.added");
        kinds.ShouldContain("company.created");

        (await ws.Client.GetAsync($"/api/v1/contacts/{Guid.NewGuid()}/timeline")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ws.Client.GetAsync($"/api/v1/contacts/{ada}/timeline?cursor=bad")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ActivitySqliteTests(SqliteApiFixture fixture) : ActivityTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ActivityPostgresTests(PostgresApiFixture fixture) : ActivityTests(fixture);
