using System.Net;
using System.Text.Json;
using CrmApi.Api.Tests.BadInput;
using CrmApi.Api.Tests.Contacts;
using CrmApi.Api.Tests.Deals;
using CrmApi.Api.Tests.Infrastructure;
using CrmApi.Api.Tests.Tickets;

namespace CrmApi.Api.Tests.Segments;

/// <summary>Segments over the API, their members kept current by the background worker.</summary>
public abstract class SegmentTests(ApiFixture fixture)
{
    private static IEnumerable<(string Type, string Record)> Changes(IEnumerable<JsonElement> events, string segmentId)
        => events.Where(e => e.GetProperty("object").Str("id") == segmentId)
            .Select(e => (e.Str("type")!, e.GetProperty("data").Str("recordId")!));

    [Fact]
    public async Task A_dynamic_segment_is_built_then_follows_changes_with_entered_and_exited_events()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var ann = await ws.Client.CreateContactAsync(new { lastName = "Ann", lifecycleStage = "customer" });
        var bob = await ws.Client.CreateContactAsync(new { lastName = "Bob", lifecycleStage = "lead" });

        var created = await ws.Client.CreateSegmentAsync("""{"name":"Customers","objectType":"contact","kind":"dynamic","filter":{"lifecycleStage":{"eq":"customer"}}}""");
        created.Str("kind").ShouldBe("dynamic");
        created.GetProperty("filter").GetProperty("lifecycleStage").GetProperty("eq").GetString().ShouldBe("customer");
        var id = created.Id();
        var ready = await ws.Client.ReadyAsync(id);
        ready.Str("state").ShouldBe("ready");
        ready.GetProperty("memberCount").GetInt32().ShouldBe(1);
        (await ws.Client.MemberIdsAsync(id)).ShouldBe([ann.Id()]);

        (await ws.Client.PatchAsync($"/api/v1/contacts/{bob.Id()}", """{"lifecycleStage":"customer"}""")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await ws.Client.MembersEventuallyAsync(id, ann.Id(), bob.Id());
        (await ws.Client.PatchAsync($"/api/v1/contacts/{ann.Id()}", """{"lifecycleStage":"evangelist"}""")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ws.Client.MembersEventuallyAsync(id, bob.Id())).ShouldBe([bob.Id()]);
        (await ws.Client.DeleteAsync($"/api/v1/contacts/{bob.Id()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await ws.Client.MembersEventuallyAsync(id)).ShouldBeEmpty();

        var events = await ws.Client.SegmentEventsAsync();
        Changes(events, id).ShouldBe([
            ("segment.entered", ann.Id()), ("segment.entered", bob.Id()), ("segment.exited", ann.Id()), ("segment.exited", bob.Id())]);
        var first = events[0];
        first.GetProperty("data").Str("segmentName").ShouldBe("Customers");
        first.GetProperty("data").Str("objectType").ShouldBe("contact");
        // The record's own history shows it too.
        (await ws.Client.EventsOfAsync(ann.Id(), "segment.*")).Select(e => e.Str("type")).ShouldBe(["segment.entered", "segment.exited"]);
        var segment = await ws.Client.GetJsonAsync($"/api/v1/segments/{id}");
        segment.GetProperty("processedSequence").GetInt64().ShouldBeGreaterThan(0);
        segment.GetProperty("version").GetInt64().ShouldBe(1, "keeping members current does not move the segment's version");
    }

    [Fact]
    public async Task A_change_to_a_company_moves_its_contacts_in_and_out()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var acme = await ws.Client.CreateCompanyAsync(new { name = "Acme", industry = "Retail" });
        var ann = await ws.Client.CreateContactAsync(new { lastName = "Ann" });
        var lone = await ws.Client.CreateContactAsync(new { lastName = "Lone" });
        (await ws.Client.PutAsync($"/api/v1/contacts/{ann.Id()}/companies/{acme.Id()}", RecordApi.Json("""{"primary":true}"""))).EnsureSuccessStatusCode();
        var segment = await ws.Client.CreateSegmentAsync("""{"name":"Software people","objectType":"contact","kind":"dynamic","filter":{"company.industry":{"eq":"Software"}}}""");
        (await ws.Client.ReadyAsync(segment.Id())).GetProperty("memberCount").GetInt32().ShouldBe(0);

        (await ws.Client.PatchAsync($"/api/v1/companies/{acme.Id()}", """{"industry":"Software"}""")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await ws.Client.MembersEventuallyAsync(segment.Id(), ann.Id());
        // "The contact's company" is its primary one: a secondary link does not count, making it primary does.
        (await ws.Client.PutAsync($"/api/v1/contacts/{lone.Id()}/companies/{acme.Id()}", RecordApi.Json("{}"))).EnsureSuccessStatusCode();
        (await ws.Client.PutAsync($"/api/v1/contacts/{lone.Id()}/companies/{acme.Id()}", RecordApi.Json("""{"primary":true}"""))).EnsureSuccessStatusCode();
        (await ws.Client.MembersEventuallyAsync(segment.Id(), ann.Id(), lone.Id())).Order().ShouldBe(new[] { ann.Id(), lone.Id() }.Order());
        (await ws.Client.DeleteAsync($"/api/v1/contacts/{ann.Id()}/companies/{acme.Id()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await ws.Client.MembersEventuallyAsync(segment.Id(), lone.Id())).ShouldBe([lone.Id()]);

        var mine = await ws.Client.GetJsonAsync($"/api/v1/contacts/{lone.Id()}/segments");
        mine.GetProperty("data").EnumerateArray().Select(s => s.Id()).ShouldBe([segment.Id()]);
        (await ws.Client.GetJsonAsync($"/api/v1/contacts/{ann.Id()}/segments")).GetProperty("data").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_new_filter_rebuilds_the_members()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var lead = await ws.Client.CreateContactAsync(new { lastName = "Lead", lifecycleStage = "lead" });
        var customer = await ws.Client.CreateContactAsync(new { lastName = "Customer", lifecycleStage = "customer" });
        var segment = await ws.Client.CreateSegmentAsync("""{"name":"Stage","objectType":"contact","kind":"dynamic","filter":{"lifecycleStage":{"eq":"lead"}}}""");
        await ws.Client.MembersEventuallyAsync(segment.Id(), lead.Id());

        var patched = await (await ws.Client.PatchAsync($"/api/v1/segments/{segment.Id()}", """{"filter":{"lifecycleStage":{"eq":"customer"}}}""", ifMatch: "\"1\"")).BodyAsync();
        patched.GetProperty("version").GetInt64().ShouldBe(2);
        (await ws.Client.MembersEventuallyAsync(segment.Id(), customer.Id())).ShouldBe([customer.Id()]);
        (await ws.Client.ReadyAsync(segment.Id())).Str("state").ShouldBe("ready");
        Changes(await ws.Client.SegmentEventsAsync(), segment.Id()).ShouldBe([
            ("segment.entered", lead.Id()), ("segment.exited", lead.Id()), ("segment.entered", customer.Id())]);

        var renamed = await (await ws.Client.PatchAsync($"/api/v1/segments/{segment.Id()}", """{"name":"Customers"}""")).BodyAsync();
        renamed.Str("name").ShouldBe("Customers");
        renamed.Str("state").ShouldBe("ready", "a new name keeps the members");
    }

    [Fact]
    public async Task A_static_segment_takes_members_by_hand_and_a_snapshot_freezes_a_dynamic_one()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var a = await ws.Client.CreateContactAsync(new { lastName = "A", lifecycleStage = "customer" });
        var b = await ws.Client.CreateContactAsync(new { lastName = "B", lifecycleStage = "customer" });
        var hand = await ws.Client.CreateSegmentAsync("""{"name":"VIP","objectType":"contact","kind":"static"}""");
        hand.Str("state").ShouldBe("ready");

        var added = await ws.Client.PostJsonAsync($"/api/v1/segments/{hand.Id()}/members", $$"""{"ids":["{{a.Id()}}","{{b.Id()}}","{{a.Id()}}"]}""", HttpStatusCode.OK);
        added.GetProperty("changed").GetInt32().ShouldBe(2);
        added.GetProperty("memberCount").GetInt32().ShouldBe(2);
        (await ws.Client.PostJsonAsync($"/api/v1/segments/{hand.Id()}/members", $$"""{"ids":["{{a.Id()}}"]}""", HttpStatusCode.OK))
            .GetProperty("changed").GetInt32().ShouldBe(0);
        using var remove = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/segments/{hand.Id()}/members") { Content = RecordApi.Json($$"""{"ids":["{{a.Id()}}"]}""") };
        var removed = await (await ws.Client.SendAsync(remove)).BodyAsync();
        removed.GetProperty("changed").GetInt32().ShouldBe(1);
        (await ws.Client.MemberIdsAsync(hand.Id())).ShouldBe([b.Id()]);
        Changes(await ws.Client.SegmentEventsAsync(), hand.Id()).ShouldBe([
            ("segment.entered", a.Id()), ("segment.entered", b.Id()), ("segment.exited", a.Id())], ignoreOrder: true);

        // Deleting a record takes it out of static segments too.
        (await ws.Client.DeleteAsync($"/api/v1/contacts/{b.Id()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await ws.Client.MembersEventuallyAsync(hand.Id())).ShouldBeEmpty();

        var dynamic = await ws.Client.CreateSegmentAsync("""{"name":"Customers","objectType":"contact","kind":"dynamic","filter":{"lifecycleStage":{"eq":"customer"}}}""");
        await ws.Client.MembersEventuallyAsync(dynamic.Id(), a.Id());
        var snapshot = await ws.Client.PostJsonAsync($"/api/v1/segments/{dynamic.Id()}/snapshot", """{"name":"Customers in November"}""");
        snapshot.Str("kind").ShouldBe("static");
        snapshot.Str("name").ShouldBe("Customers in November");
        snapshot.GetProperty("memberCount").GetInt32().ShouldBe(1);
        (await ws.Client.MemberIdsAsync(snapshot.Id())).ShouldBe([a.Id()]);
        // The snapshot stays as it was when the dynamic segment moves on.
        await ws.Client.PatchAsync($"/api/v1/contacts/{a.Id()}", """{"lifecycleStage":"other"}""");
        await ws.Client.MembersEventuallyAsync(dynamic.Id());
        (await ws.Client.MemberIdsAsync(snapshot.Id())).ShouldBe([a.Id()]);
    }

    [Fact]
    public async Task Members_are_paged_in_id_order()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add((await ws.Client.CreateContactAsync(new { lastName = $"P{i}", lifecycleStage = "lead" })).Id());
        var segment = await ws.Client.CreateSegmentAsync("""{"name":"Leads","objectType":"contact","kind":"dynamic","filter":{"lifecycleStage":{"eq":"lead"}}}""");
        await ws.Client.MembersEventuallyAsync(segment.Id(), [.. ids]);
        var paged = await ws.Client.MemberIdsAsync(segment.Id(), limit: 2);
        paged.ShouldBe(ids.Order(StringComparer.Ordinal).ToList(), ignoreOrder: true);
        paged.Count.ShouldBe(5);
        var first = await ws.Client.GetJsonAsync($"/api/v1/segments/{segment.Id()}/members?limit=2");
        first.GetProperty("data").GetArrayLength().ShouldBe(2);
        first.Str("nextCursor").ShouldNotBeNull();
        await RecordApi.ShouldBeProblemAsync(await ws.Client.GetAsync($"/api/v1/segments/{segment.Id()}/members?limit=0"), HttpStatusCode.BadRequest, "limit");
        await RecordApi.ShouldBeProblemAsync(await ws.Client.GetAsync($"/api/v1/segments/{segment.Id()}/members?cursor=nope"), HttpStatusCode.BadRequest, "cursor");
    }

    [Theory]
    [InlineData("""{"objectType":"contact","kind":"static"}""", "name")]
    [InlineData("""{"name":"X","objectType":"ticket","kind":"static"}""", "objectType")]
    [InlineData("""{"name":"X","objectType":"contact","kind":"smart"}""", "kind")]
    [InlineData("""{"name":"X","objectType":"contact","kind":"dynamic"}""", "filter")]
    [InlineData("""{"name":"X","objectType":"contact","kind":"static","filter":{"lastName":{"eq":"A"}}}""", "filter")]
    [InlineData("""{"name":"X","objectType":"contact","kind":"dynamic","filter":{"colour":{"eq":"red"}}}""", "filter.colour")]
    [InlineData("""{"name":"X","objectType":"deal","kind":"dynamic","filter":{"amount":{"gt":"lots"}}}""", "filter.amount.gt")]
    public async Task A_bad_segment_is_400_naming_the_field_and_nothing_is_written(string json, string field)
    {
        var ws = await fixture.NewWorkspaceAsync();
        var before = await ws.FingerprintAsync();
        using var response = await ws.SendUnchangedAsync(HttpMethod.Post, "/api/v1/segments", json);
        await response.ShouldBeValidationAsync(field);
        (await ws.Client.GetJsonAsync("/api/v1/segments")).GetProperty("data").GetArrayLength().ShouldBe(0);
        (await ws.FingerprintAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Bad_member_changes_are_refused_and_change_nothing()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var a = await ws.Client.CreateContactAsync(new { lastName = "A" });
        var company = await ws.Client.CreateCompanyAsync(new { name = "Not a contact" });
        var hand = await ws.Client.CreateSegmentAsync("""{"name":"VIP","objectType":"contact","kind":"static"}""");
        var dynamic = await ws.Client.CreateSegmentAsync("""{"name":"D","objectType":"contact","kind":"dynamic","filter":{"lastName":{"eq":"A"}}}""");
        await ws.Client.MembersEventuallyAsync(dynamic.Id(), a.Id());
        var events = (await ws.Client.SegmentEventsAsync()).Count;

        async Task Refused(string segmentId, string body, HttpStatusCode status, string? field = null)
        {
            using var response = await ws.Client.PostAsync($"/api/v1/segments/{segmentId}/members", RecordApi.Json(body));
            await RecordApi.ShouldBeProblemAsync(response, status, field);
        }
        await Refused(hand.Id(), $$"""{"ids":["{{a.Id()}}","{{company.Id()}}"]}""", HttpStatusCode.BadRequest, "ids[1]");
        await Refused(hand.Id(), """{"ids":[]}""", HttpStatusCode.BadRequest, "ids");
        await Refused(hand.Id(), $$"""{"ids":[{{string.Join(',', Enumerable.Range(0, 1001).Select(_ => $"\"{Guid.NewGuid()}\""))}}]}""", HttpStatusCode.BadRequest, "ids");
        await Refused(dynamic.Id(), $$"""{"ids":["{{a.Id()}}"]}""", HttpStatusCode.Conflict);
        await Refused(Guid.NewGuid().ToString(), $$"""{"ids":["{{a.Id()}}"]}""", HttpStatusCode.NotFound);
        (await ws.Client.PostAsync($"/api/v1/segments/{hand.Id()}/snapshot", RecordApi.Json("{}"))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ws.Client.PatchAsync($"/api/v1/segments/{hand.Id()}", """{"kind":"dynamic"}""")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ws.Client.PatchAsync($"/api/v1/segments/{dynamic.Id()}", """{"objectType":"company"}""")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        (await ws.Client.MemberIdsAsync(hand.Id())).ShouldBeEmpty();
        (await ws.Client.SegmentEventsAsync()).Count.ShouldBe(events);
        (await ws.Client.GetJsonAsync($"/api/v1/segments/{dynamic.Id()}")).GetProperty("version").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task Reading_needs_segments_read_and_writing_segments_write()
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var reader = await ws.ClientWithScopesAsync("segments:read", "contacts:read");
        (await reader.GetAsync("/api/v1/segments")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await reader.PostAsync("/api/v1/segments", RecordApi.Json("""{"name":"X","objectType":"contact","kind":"static"}""")))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var contactsOnly = await ws.ClientWithScopesAsync("contacts:read");
        (await contactsOnly.GetAsync("/api/v1/segments")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await ws.Client.GetJsonAsync("/api/v1/segments")).GetProperty("data").GetArrayLength().ShouldBe(0);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SegmentSqliteTests(SqliteApiFixture fixture) : SegmentTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class SegmentPostgresTests(PostgresApiFixture fixture) : SegmentTests(fixture);
