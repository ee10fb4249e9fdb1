using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrmApi.Api.Tests.Infrastructure;
using CrmApi.Application.Common;
using CrmApi.Application.Events;
using CrmApi.Infrastructure.Events;
using CrmApi.Infrastructure.Persistence;
using CrmApi.Infrastructure.Persistence.Providers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CrmApi.Api.Tests.Events;

public abstract class EventFeedTests(ApiFixture fixture)
{
    private static StringContent Json(string json, string mediaType = "application/json") => new(json, Encoding.UTF8, mediaType);

    private static async Task<string> CreateContactAsync(HttpClient client, string lastName)
    {
        var response = await client.PostAsync("/api/v1/contacts", Json($$"""{"lastName":"{{lastName}}"}"""));
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> ReadAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/v1/events?{query}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Every_change_writes_one_event_with_changes_and_data()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var id = await CreateContactAsync(ws.Client, "Lovelace");
        (await ws.Client.PatchAsync($"/api/v1/contacts/{id}", Json("""{"emails":[{"value":"ada@example.com"}],"lastName":"King"}""", "application/merge-patch+json")))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        // A patch that changes nothing writes no event.
        (await ws.Client.PatchAsync($"/api/v1/contacts/{id}", Json("""{"lastName":"King"}"""))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var company = await ws.Client.PostAsync("/api/v1/companies", Json("""{"name":"Engines"}"""));
        var companyId = (await company.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        (await ws.Client.PutAsync($"/api/v1/contacts/{id}/companies/{companyId}", Json("""{"primary":true}"""))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ws.Client.DeleteAsync($"/api/v1/contacts/{id}/companies/{companyId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await ws.Client.DeleteAsync($"/api/v1/contacts/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await ws.Client.PostAsync($"/api/v1/contacts/{id}/restore", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var page = await ReadAsync(ws.Client, "limit=50");
        var events = page.GetProperty("data").EnumerateArray().ToList();
        events.Select(e => e.GetProperty("type").GetString()).ShouldBe(
        [
            "contact.created", "contact.updated", "company.created", "association.added", "association.removed",
            "contact.deleted", "contact.restored",
        ]);
        events.Select(e => e.GetProperty("sequence").GetInt64()).ShouldBe([1, 2, 3, 4, 5, 6, 7]);

        var updated = events[1];
        updated.GetProperty("object").GetProperty("type").GetString().ShouldBe("contact");
        updated.GetProperty("object").GetProperty("id").GetString().ShouldBe(id);
        updated.GetProperty("actor").GetProperty("type").GetString().ShouldBe("apiKey");
        var changes = updated.GetProperty("changes");
        changes.GetProperty("lastName").GetProperty("before").GetString().ShouldBe("Lovelace");
        changes.GetProperty("lastName").GetProperty("after").GetString().ShouldBe("King");
        changes.GetProperty("emails").GetProperty("after")[0].GetProperty("value").GetString().ShouldBe("ada@example.com");
        changes.TryGetProperty("version", out _).ShouldBeFalse();
        updated.GetProperty("data").GetProperty("lastName").GetString().ShouldBe("King");
        events[0].GetProperty("changes").ValueKind.ShouldBe(JsonValueKind.Null);
        events[3].GetProperty("data").GetProperty("companyId").GetString().ShouldBe(companyId);
    }

    [Fact]
    public async Task Feed_pages_with_the_cursor_and_filters_by_type_and_object()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var first = await CreateContactAsync(ws.Client, "A");
        await CreateContactAsync(ws.Client, "B");
        await ws.Client.PostAsync("/api/v1/companies", Json("""{"name":"C"}"""));
        await ws.Client.PatchAsync($"/api/v1/contacts/{first}", Json("""{"lastName":"A2"}"""));

        var page1 = await ReadAsync(ws.Client, "limit=2");
        page1.GetProperty("data").GetArrayLength().ShouldBe(2);
        var page2 = await ReadAsync(ws.Client, $"limit=2&after={page1.GetProperty("nextCursor").GetString()}");
        page2.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()).ShouldBe([3, 4]);
        var end = await ReadAsync(ws.Client, $"after={page2.GetProperty("nextCursor").GetString()}");
        end.GetProperty("data").GetArrayLength().ShouldBe(0);
        end.GetProperty("nextCursor").GetString().ShouldBe(page2.GetProperty("nextCursor").GetString());

        var companies = await ReadAsync(ws.Client, "types=company.*");
        companies.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ShouldBe(["company.created"]);
        var created = await ReadAsync(ws.Client, "types=contact.created,company.created");
        created.GetProperty("data").GetArrayLength().ShouldBe(3);
        var one = await ReadAsync(ws.Client, $"objectId={first}");
        one.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ShouldBe(["contact.created", "contact.updated"]);
    }

    [Fact]
    public async Task Workspaces_see_only_their_own_events()
    {
        var a = await fixture.NewWorkspaceAsync();
        var b = await fixture.NewWorkspaceAsync();
        await CreateContactAsync(a.Client, "A");
        (await ReadAsync(b.Client, "")).GetProperty("data").GetArrayLength().ShouldBe(0);
        (await ReadAsync(a.Client, "")).GetProperty("data")[0].GetProperty("sequence").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task Long_poll_answers_when_an_event_arrives()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var poll = ReadAsync(ws.Client, "wait=20");
        await Task.Delay(200);
        poll.IsCompleted.ShouldBeFalse();
        var id = await CreateContactAsync(ws.Client, "Late");
        var page = await poll.WaitAsync(TimeSpan.FromSeconds(15));
        page.GetProperty("data")[0].GetProperty("object").GetProperty("id").GetString().ShouldBe(id);
    }

    [Fact]
    public async Task Long_poll_with_nothing_new_answers_empty_at_the_timeout()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var page = await ReadAsync(ws.Client, "wait=1");
        page.GetProperty("data").GetArrayLength().ShouldBe(0);
    }

    [Theory]
    [InlineData("wait=31", "wait")]
    [InlineData("wait=-1", "wait")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("after=bogus", "after")]
    [InlineData("types=contact.exploded", "types")]
    [InlineData("types=widget.*", "types")]
    public async Task Bad_feed_parameters_get_400_naming_them(string query, string field)
    {
        var ws = await fixture.NewWorkspaceAsync();
        var response = await ws.Client.GetAsync($"/api/v1/events?{query}");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors")[0].GetProperty("field").GetString().ShouldBe(field);
    }

    [Fact]
    public async Task The_feed_needs_the_events_read_scope()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var created = await ws.Client.PostAsync("/api/v1/api-keys", Json("""{"name":"contacts only","scopes":["contacts:read"]}"""));
        var key = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
        using var limited = fixture.Client(key);
        (await limited.GetAsync("/api/v1/events")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_cursor_before_the_retained_range_gets_410_with_where_to_restart()
    {
        var ws = await fixture.NewWorkspaceAsync();
        await CreateContactAsync(ws.Client, "Old");
        var oldCursor = (await ReadAsync(ws.Client, "")).GetProperty("nextCursor").GetString()!;
        await CreateContactAsync(ws.Client, "Older");
        var beforeAll = EventCursor.Encode(1);

        // Two days on, with one day of retention, both events are gone.
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            var sp = scope.ServiceProvider;
            var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(2));
            var retention = new EventRetention(sp.GetRequiredService<CrmDbContext>(), sp.GetRequiredService<IDatabaseProvider>(),
                Options.Create(new EventOptions { RetentionDays = 1 }), clock);
            (await retention.PruneAsync(CancellationToken.None)).ShouldBeGreaterThanOrEqualTo(2);
        }

        var gone = await ws.Client.GetAsync($"/api/v1/events?after={oldCursor}");
        gone.StatusCode.ShouldBe(HttpStatusCode.Gone);
        var problem = await gone.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("type").GetString().ShouldBe("urn:crmapi:problem:gone");
        problem.GetProperty("detail").GetString()!.ShouldContain(EventCursor.Encode(2));
        // The restart cursor works, and so does reading with no cursor.
        (await ReadAsync(ws.Client, $"after={EventCursor.Encode(2)}")).GetProperty("data").GetArrayLength().ShouldBe(0);
        (await ReadAsync(ws.Client, "")).GetProperty("data").GetArrayLength().ShouldBe(0);
        (await ws.Client.GetAsync($"/api/v1/events?after={beforeAll}")).StatusCode.ShouldBe(HttpStatusCode.Gone);
        // New events continue the positions.
        await CreateContactAsync(ws.Client, "New");
        (await ReadAsync(ws.Client, "")).GetProperty("data")[0].GetProperty("sequence").GetInt64().ShouldBe(3);
    }

    /// <summary>
    /// 8 writers make 4,000 changes while a reader pages the feed: the reader sees every event exactly once, in order,
    /// with no gap — positions become visible in commit order.
    /// </summary>
    [Fact]
    public async Task Concurrent_writers_and_a_paging_reader_never_skip_an_event()
    {
        const int writers = 8;
        const int changesPerWriter = 500;
        var ws = await fixture.NewWorkspaceAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(4));

        var writing = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            using var client = fixture.Client(ws.Key);
            string? id = null;
            for (var i = 0; i < changesPerWriter; i++)
            {
                HttpResponseMessage response;
                if (id is null || i % 2 == 0)
                {
                    response = await client.PostAsync("/api/v1/contacts", Json($$"""{"lastName":"W{{w}}-{{i}}"}"""), cts.Token);
                    response.StatusCode.ShouldBe(HttpStatusCode.Created);
                    id = (await response.Content.ReadFromJsonAsync<JsonElement>(cts.Token)).GetProperty("id").GetString();
                }
                else
                {
                    response = await client.PatchAsync($"/api/v1/contacts/{id}", Json($$"""{"firstName":"F{{i}}"}"""), cts.Token);
                    response.StatusCode.ShouldBe(HttpStatusCode.OK);
                }
            }
        }, cts.Token)).ToArray();
        var allWritten = Task.WhenAll(writing);

        var seen = new List<long>();
        var cursor = "";
        using var reader = fixture.Client(ws.Key);
        while (true)
        {
            var done = allWritten.IsCompleted;
            // wait=1: answers at once while events are there, and idles instead of spinning when caught up.
            var page = await ReadAsync(reader, $"limit=250&wait=1{(cursor.Length > 0 ? $"&after={cursor}" : "")}");
            seen.AddRange(page.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()));
            cursor = page.GetProperty("nextCursor").GetString()!;
            if (done && page.GetProperty("data").GetArrayLength() == 0) break;
        }
        await allWritten;

        seen.Count.ShouldBe(writers * changesPerWriter);
        seen.ShouldBe(Enumerable.Range(1, writers * changesPerWriter).Select(i => (long)i));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class EventFeedSqliteTests(SqliteApiFixture fixture) : EventFeedTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class EventFeedPostgresTests(PostgresApiFixture fixture) : EventFeedTests(fixture);
