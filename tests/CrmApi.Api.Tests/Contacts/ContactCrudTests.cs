using System.Net;
using System.Text.Json;
using CrmApi.Api.Tests.Infrastructure;
using static CrmApi.Api.Tests.Contacts.RecordApi;

namespace CrmApi.Api.Tests.Contacts;

public abstract class ContactCrudTests(ApiFixture fixture)
{
    [Fact]
    public async Task Create_then_get_returns_the_contact_with_etag_and_location()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var created = await ws.Client.PostAsync("/api/v1/contacts", Json(
            """{"firstName":"Ada","lastName":"Lovelace","emails":[{"value":"ADA@Example.com"}],"tags":["VIP","vip"],"externalIds":{"shopify":"8812"},"address":{"country":"gb"}}"""));
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        created.ETag().ShouldBe("\"1\"");
        var body = await created.BodyAsync();
        var id = body.Id();
        created.Headers.Location!.ToString().ShouldBe($"/api/v1/contacts/{id}");
        body.Version().ShouldBe(1);
        body.GetProperty("emails")[0].GetProperty("value").GetString().ShouldBe("ada@example.com");
        body.GetProperty("emails")[0].GetProperty("primary").GetBoolean().ShouldBeTrue();
        body.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldBe(["vip"]);
        body.GetProperty("address").GetProperty("country").GetString().ShouldBe("GB");
        body.GetProperty("externalIds").GetProperty("shopify").GetString().ShouldBe("8812");
        body.GetProperty("companies").GetArrayLength().ShouldBe(0);

        var got = await ws.Client.GetAsync($"/api/v1/contacts/{id}");
        got.StatusCode.ShouldBe(HttpStatusCode.OK);
        got.ETag().ShouldBe("\"1\"");
        var gotBody = await got.BodyAsync();
        gotBody.GetRawText().ShouldBe(body.GetRawText());
    }

    [Fact]
    public async Task Get_with_if_none_match_returns_304_only_for_the_current_etag()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var id = (await ws.Client.CreateContactAsync("""{"firstName":"Grace"}""")).Id();

        var notModified = await ws.Client.SendAsync(HttpMethod.Get, $"/api/v1/contacts/{id}", ifNoneMatch: "\"1\"");
        notModified.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        notModified.ETag().ShouldBe("\"1\"");
        (await notModified.Content.ReadAsStringAsync()).ShouldBeEmpty();

        (await ws.Client.PatchAsync($"/api/v1/contacts/{id}", """{"lastName":"Hopper"}""")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var changed = await ws.Client.SendAsync(HttpMethod.Get, $"/api/v1/contacts/{id}", ifNoneMatch: "\"1\"");
        changed.StatusCode.ShouldBe(HttpStatusCode.OK);
        changed.ETag().ShouldBe("\"2\"");
        (await changed.BodyAsync()).Str("lastName").ShouldBe("Hopper");
    }

    [Theory]
    [InlineData(MergePatch)]
    [InlineData("application/json")]
    public async Task Patch_merges_fields_clears_nulls_and_replaces_arrays(string mediaType)
    {
        var ws = await fixture.NewWorkspaceAsync();
        var created = await ws.Client.CreateContactAsync("""
            {"firstName":"Ada","lastName":"Lovelace","jobTitle":"Analyst","source":"import",
             "emails":[{"value":"ada@example.com"},{"value":"ada@work.example"}],
             "address":{"street":"12 St James's Square","city":"London","country":"GB"},
             "tags":["math","poetry"],"externalIds":{"shopify":"8812","erp":"E-1"}}
            """);
        var id = created.Id();

        var patched = await ws.Client.PatchAsync($"/api/v1/contacts/{id}", """
            {"lastName":"King","jobTitle":null,"address":{"city":"Ockham"},"tags":["countess"],"externalIds":{"erp":null},
             "emails":[{"value":"ada@work.example","primary":true}]}
            """, mediaType);
        patched.StatusCode.ShouldBe(HttpStatusCode.OK, await patched.Content.ReadAsStringAsync());
        patched.ETag().ShouldBe("\"2\"");
        var body = await patched.BodyAsync();
        body.Version().ShouldBe(2);
        body.Str("firstName").ShouldBe("Ada");
        body.Str("lastName").ShouldBe("King");
        body.Str("jobTitle").ShouldBeNull();
        body.Str("source").ShouldBe("import");
        var address = body.GetProperty("address");
        address.Str("street").ShouldBe("12 St James's Square");
        address.Str("city").ShouldBe("Ockham");
        address.Str("country").ShouldBe("GB");
        body.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldBe(["countess"]);
        body.GetProperty("emails").EnumerateArray().Select(e => e.Str("value")).ShouldBe(["ada@work.example"]);
        body.GetProperty("externalIds").EnumerateObject().Select(p => $"{p.Name}={p.Value.GetString()}").ShouldBe(["shopify=8812"]);
        body.GetProperty("createdAt").GetDateTimeOffset().ShouldBe(created.GetProperty("createdAt").GetDateTimeOffset());
        body.GetProperty("updatedAt").GetDateTimeOffset().ShouldBeGreaterThan(created.GetProperty("updatedAt").GetDateTimeOffset());

        // The change is stored, and the removed external id no longer finds the contact.
        var got = await ws.Client.GetAsync($"/api/v1/contacts/{id}");
        (await got.BodyAsync()).GetRawText().ShouldBe(body.GetRawText());
        (await ws.Client.GetAsync("/api/v1/contacts/by-external-id/erp/E-1")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ws.Client.GetAsync("/api/v1/contacts/by-external-id/shopify/8812")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Patch_that_changes_nothing_keeps_the_version()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var created = await ws.Client.CreateContactAsync(
            """{"firstName":"Ada","tags":["vip"],"emails":[{"value":"ada@example.com"}],"externalIds":{"shopify":"1"},"address":{"city":"London"}}""");
        var id = created.Id();
        var before = await ws.FingerprintAsync();

        foreach (var patch in new[]
        {
            "{}",
            """{"firstName":"Ada"}""",
            """{"firstName":"  Ada  ","tags":["VIP"," vip"]}""",
            """{"emails":[{"value":"ADA@example.com","primary":true}],"externalIds":{"shopify":"1"},"address":{"city":"London"}}""",
        })
        {
            var response = await ws.Client.PatchAsync($"/api/v1/contacts/{id}", patch);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, patch);
            response.ETag().ShouldBe("\"1\"", patch);
            var body = await response.BodyAsync();
            body.Version().ShouldBe(1, patch);
            body.GetProperty("updatedAt").GetDateTimeOffset().ShouldBe(created.GetProperty("updatedAt").GetDateTimeOffset());
        }
        (await ws.FingerprintAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Patch_honours_if_match()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var id = (await ws.Client.CreateContactAsync("""{"firstName":"Ada"}""")).Id();
        var url = $"/api/v1/contacts/{id}";

        var current = await ws.Client.PatchAsync(url, """{"lastName":"Lovelace"}""", ifMatch: "\"1\"");
        current.StatusCode.ShouldBe(HttpStatusCode.OK);
        current.ETag().ShouldBe("\"2\"");

        var before = await ws.FingerprintAsync();
        var stale = await ws.Client.PatchAsync(url, """{"lastName":"Byron"}""", ifMatch: "\"1\"");
        await stale.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        var garbage = await ws.Client.PatchAsync(url, """{"lastName":"Byron"}""", ifMatch: "\"not-a-version\"");
        await garbage.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        (await ws.FingerprintAsync()).ShouldBe(before);

        var any = await ws.Client.PatchAsync(url, """{"lastName":"King"}""", ifMatch: "*");
        any.StatusCode.ShouldBe(HttpStatusCode.OK);
        any.ETag().ShouldBe("\"3\"");
        (await any.BodyAsync()).Str("lastName").ShouldBe("King");
    }

    [Fact]
    public async Task Rejected_writes_change_nothing()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var id = (await ws.Client.CreateContactAsync("""{"firstName":"Ada"}""")).Id();
        var url = $"/api/v1/contacts/{id}";
        var before = await ws.FingerprintAsync();

        await (await ws.Client.PatchAsync(url, """{"version":7}""")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "version");
        await (await ws.Client.PatchAsync(url, """{"nickname":"Countess"}""")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "nickname");
        await (await ws.Client.PatchAsync(url, """{"emails":[{"value":"not-an-email"}]}""")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "emails[0].value");
        await (await ws.Client.PatchAsync(url, """{"address":"London"}""")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "address");
        await (await ws.Client.PatchAsync(url, "{\"firstName\":")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await ws.Client.PatchAsync(url, """{"firstName":"Bob"}""", "text/plain")).ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await (await ws.Client.PostAsync("/api/v1/contacts", Json("""{"id":"0192f5a4-7c1e-7d3a-9b8e-4f2a1c3d5e6f","firstName":"Eve"}""")))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "id");
        await (await ws.Client.PostAsync("/api/v1/contacts", Json("""{"firstName":"Eve"}""", MergePatch)))
            .ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);

        (await ws.FingerprintAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Delete_hides_the_contact_and_restore_brings_it_back()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var id = (await ws.Client.CreateContactAsync("""{"firstName":"Ada","externalIds":{"shopify":"8812"}}""")).Id();
        var other = (await ws.Client.CreateContactAsync("""{"firstName":"Grace"}""")).Id();
        var url = $"/api/v1/contacts/{id}";

        (await ws.Client.DeleteAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await ws.Client.GetAsync(url)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await ws.Client.PatchAsync(url, """{"lastName":"X"}""")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await ws.Client.DeleteAsync(url)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await ws.Client.GetAsync("/api/v1/contacts/by-external-id/shopify/8812")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await ws.Client.IdsAsync("contacts", null)).ShouldBe([other]);

        var restored = await ws.Client.PostAsync($"{url}/restore", null);
        restored.StatusCode.ShouldBe(HttpStatusCode.OK);
        restored.ETag().ShouldBe("\"3\"");
        var body = await restored.BodyAsync();
        body.Version().ShouldBe(3);
        body.Str("firstName").ShouldBe("Ada");

        (await ws.Client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ws.Client.GetAsync("/api/v1/contacts/by-external-id/shopify/8812")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ws.Client.IdsAsync("contacts", null)).ShouldBe([id, other], ignoreOrder: true);
    }

    [Fact]
    public async Task Delete_honours_if_match()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var id = (await ws.Client.CreateContactAsync("""{"firstName":"Ada"}""")).Id();
        var url = $"/api/v1/contacts/{id}";
        (await ws.Client.PatchAsync(url, """{"lastName":"Lovelace"}""")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var before = await ws.FingerprintAsync();
        await (await ws.Client.SendAsync(HttpMethod.Delete, url, ifMatch: "\"1\"")).ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        (await ws.FingerprintAsync()).ShouldBe(before);
        (await ws.Client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await ws.Client.SendAsync(HttpMethod.Delete, url, ifMatch: "\"2\"")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await ws.Client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Restore_of_a_live_contact_changes_nothing()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var created = await ws.Client.CreateContactAsync("""{"firstName":"Ada"}""");
        var before = await ws.FingerprintAsync();

        var restored = await ws.Client.PostAsync($"/api/v1/contacts/{created.Id()}/restore", null);
        restored.StatusCode.ShouldBe(HttpStatusCode.OK);
        restored.ETag().ShouldBe("\"1\"");
        (await restored.BodyAsync()).GetRawText().ShouldBe(created.GetRawText());
        (await ws.FingerprintAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Unknown_ids_are_404_for_every_operation()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var url = $"/api/v1/contacts/{Guid.NewGuid()}";
        var problems = new[]
        {
            await (await ws.Client.GetAsync(url)).ShouldBeProblemAsync(HttpStatusCode.NotFound),
            await (await ws.Client.PatchAsync(url, """{"firstName":"A"}""")).ShouldBeProblemAsync(HttpStatusCode.NotFound),
            await (await ws.Client.DeleteAsync(url)).ShouldBeProblemAsync(HttpStatusCode.NotFound),
            await (await ws.Client.PostAsync($"{url}/restore", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound),
        };
        problems.Select(ProblemShape).Distinct().Count().ShouldBe(1);
        problems[0].GetProperty("type").GetString().ShouldBe("urn:crmapi:problem:not-found");
        problems[0].GetProperty("detail").GetString().ShouldBe("The contact does not exist.");
    }

    [Fact]
    public async Task Created_at_reads_back_exactly_with_microsecond_precision()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var created = await ws.Client.CreateContactAsync("""{"firstName":"Ada"}""");
        var createdAt = created.GetProperty("createdAt").GetDateTimeOffset();
        (createdAt.UtcTicks % 10).ShouldBe(0, "times are kept to the microsecond");
        created.GetProperty("updatedAt").GetDateTimeOffset().ShouldBe(createdAt);
        createdAt.ShouldBeInRange(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));

        var got = await (await ws.Client.GetAsync($"/api/v1/contacts/{created.Id()}")).BodyAsync();
        got.GetProperty("createdAt").GetDateTimeOffset().ShouldBe(createdAt);
        got.GetProperty("createdAt").GetDateTimeOffset().UtcTicks.ShouldBe(createdAt.UtcTicks);
        var listed = (await ws.Client.GetPageAsync("contacts")).Items.Single();
        listed.GetProperty("createdAt").GetDateTimeOffset().UtcTicks.ShouldBe(createdAt.UtcTicks);

        // The stored value is the returned one, to the tick: an eq filter on it finds the record.
        var literal = JsonSerializer.Serialize(createdAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'"));
        (await ws.Client.IdsAsync("contacts", $$$"""{"createdAt":{"eq":{{{literal}}}}}""")).ShouldBe([created.Id()]);
        (await ws.Client.IdsAsync("contacts", $$$"""{"updatedAt":{"eq":{{{literal}}}}}""")).ShouldBe([created.Id()]);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ContactCrudSqliteTests(SqliteApiFixture fixture) : ContactCrudTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ContactCrudPostgresTests(PostgresApiFixture fixture) : ContactCrudTests(fixture);
