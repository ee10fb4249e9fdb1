using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrmApi.Api.Tests.Infrastructure;

namespace CrmApi.Api.Tests.Contacts;

public abstract class ContactCrudTests(ApiFixture fixture)
{
    private static StringContent Json(string json, string mediaType = "application/json") => new(json, Encoding.UTF8, mediaType);

    [Fact]
    public async Task Create_then_get_returns_the_contact_with_etag_and_location()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var created = await ws.Client.PostAsync("/api/v1/contacts", Json(
            """{"firstName":"Ada","lastName":"Lovelace","emails":[{"value":"ADA@Example.com"}],"tags":["VIP","vip"],"externalIds":{"shopify":"8812"},"address":{"country":"gb"}}"""));
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        created.Headers.ETag!.Tag.ShouldBe("\"1\"");
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetString()!;
        created.Headers.Location!.ToString().ShouldBe($"/api/v1/contacts/{id}");
        body.GetProperty("emails")[0].GetProperty("value").GetString().ShouldBe("ada@example.com");
        body.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldBe(["vip"]);
        body.GetProperty("address").GetProperty("country").GetString().ShouldBe("GB");

        var got = await ws.Client.GetAsync($"/api/v1/contacts/{id}");
        got.StatusCode.ShouldBe(HttpStatusCode.OK);
        var gotBody = await got.Content.ReadFromJsonAsync<JsonElement>();
        gotBody.GetProperty("lastName").GetString().ShouldBe("Lovelace");
        gotBody.GetProperty("createdAt").GetDateTimeOffset().ShouldBe(body.GetProperty("createdAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Get_with_matching_if_none_match_returns_304()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var created = await ws.Client.PostAsync("/api/v1/contacts", Json("""{"firstName":"Grace"}"""));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/contacts/{id}");
        request.Headers.IfNoneMatch.ParseAdd("\"1\"");
        (await ws.Client.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ContactCrudSqliteTests(SqliteApiFixture fixture) : ContactCrudTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ContactCrudPostgresTests(PostgresApiFixture fixture) : ContactCrudTests(fixture);
