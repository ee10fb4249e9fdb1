using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CrmApi.Api.Tests.BadInput;
using CrmApi.Api.Tests.Infrastructure;

namespace CrmApi.Api.Tests.Security;

/// <summary>Who may call: no key, a malformed header, unknown and revoked keys, and the platform admin key.</summary>
public abstract class AuthenticationTests(ApiFixture fixture)
{
    private static async Task ShouldBeUnauthorizedAsync(HttpResponseMessage response)
    {
        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        response.Headers.WwwAuthenticate.Select(h => h.Scheme).ShouldContain("Bearer");
    }

    private HttpClient WithHeader(string value)
    {
        var client = fixture.Anonymous();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", value);
        return client;
    }

    [Theory]
    [InlineData("GET", "/api/v1/contacts")]
    [InlineData("POST", "/api/v1/contacts")]
    [InlineData("GET", "/api/v1/companies")]
    [InlineData("GET", "/api/v1/workspace")]
    [InlineData("GET", "/api/v1/api-keys")]
    [InlineData("GET", "/api/v1/meta/objects")]
    [InlineData("POST", "/api/v1/workspaces")]
    public async Task No_authorization_header_is_401_with_a_bearer_challenge(string method, string url)
    {
        using var client = fixture.Anonymous();
        using var response = await client.SendAsync(ProblemAssertions.Request(new HttpMethod(method), url,
            method == "POST" ? """{"name":"x"}""" : null));
        await ShouldBeUnauthorizedAsync(response);
    }

    [Theory]
    [InlineData("Basic x")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Bearer crm_unknownunknownunknownunknownunknownunknown1")]
    [InlineData("Bearer not-even-a-crm-key")]
    [InlineData("crm_abc")]
    public async Task Malformed_or_unknown_credentials_are_401(string header)
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var client = WithHeader(header);
        using var get = await client.GetAsync("/api/v1/contacts");
        await ShouldBeUnauthorizedAsync(get);
        using var post = await ws.SendUnchangedAsync(
            ProblemAssertions.Request(HttpMethod.Post, "/api/v1/contacts", """{"firstName":"Ada"}"""), client);
        await ShouldBeUnauthorizedAsync(post);
    }

    [Fact]
    public async Task A_very_long_bearer_token_is_401()
    {
        using var client = WithHeader("Bearer crm_" + new string('a', 5000));
        using var response = await client.GetAsync("/api/v1/contacts");
        await ShouldBeUnauthorizedAsync(response);
    }

    [Fact]
    public async Task The_scheme_is_case_insensitive()
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var client = WithHeader($"bearer {ws.Key}");
        (await client.GetAsync("/api/v1/contacts")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_revoked_key_is_refused_at_once()
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var created = await ws.Client.PostAsync("/api/v1/api-keys",
            ProblemAssertions.Json("""{"name":"temp","scopes":["contacts:read","contacts:write"]}"""));
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var key = await created.Content.ReadFromJsonAsync<JsonElement>();
        using var client = fixture.Client(key.GetProperty("key").GetString()!);
        (await client.GetAsync("/api/v1/contacts")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await ws.Client.DeleteAsync($"/api/v1/api-keys/{key.GetProperty("id").GetString()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        using var get = await client.GetAsync("/api/v1/contacts");
        await ShouldBeUnauthorizedAsync(get);
        using var post = await ws.SendUnchangedAsync(
            ProblemAssertions.Request(HttpMethod.Post, "/api/v1/contacts", """{"firstName":"Ada"}"""), client);
        await ShouldBeUnauthorizedAsync(post);
    }

    [Fact]
    public async Task A_key_can_revoke_itself_and_is_then_refused()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var keys = await ws.Client.GetFromJsonAsync<JsonElement>("/api/v1/api-keys");
        var own = keys.GetProperty("data")[0].GetProperty("id").GetString();
        (await ws.Client.DeleteAsync($"/api/v1/api-keys/{own}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using var response = await ws.Client.GetAsync("/api/v1/api-keys");
        await ShouldBeUnauthorizedAsync(response);
    }

    [Fact]
    public async Task The_admin_key_cannot_use_workspace_routes()
    {
        using var admin = fixture.Admin();
        foreach (var url in new[] { "/api/v1/contacts", "/api/v1/companies", "/api/v1/workspace", "/api/v1/api-keys", "/api/v1/meta/objects" })
        {
            using var response = await admin.GetAsync(url);
            await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        }
        using var post = await admin.PostAsync("/api/v1/contacts", ProblemAssertions.Json("""{"firstName":"Ada"}"""));
        await post.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task A_workspace_key_cannot_create_workspaces()
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var response = await ws.SendUnchangedAsync(HttpMethod.Post, "/api/v1/workspaces", """{"name":"Mine"}""");
        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task No_key_cannot_create_workspaces()
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var anonymous = fixture.Anonymous();
        using var response = await ws.SendUnchangedAsync(
            ProblemAssertions.Request(HttpMethod.Post, "/api/v1/workspaces", """{"name":"Mine"}"""), anonymous);
        await ShouldBeUnauthorizedAsync(response);
    }

    [Fact]
    public async Task The_admin_key_creates_a_workspace_with_a_full_scope_key_that_works()
    {
        using var admin = fixture.Admin();
        using var response = await admin.PostAsync("/api/v1/workspaces", ProblemAssertions.Json("""{"name":"  Globex  "}"""));
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        response.Headers.Location!.ToString().ShouldBe("/api/v1/workspace");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetGuid();
        id.ShouldNotBe(Guid.Empty);
        body.GetProperty("name").GetString().ShouldBe("Globex");
        var apiKey = body.GetProperty("apiKey");
        apiKey.GetProperty("id").GetGuid().ShouldNotBe(Guid.Empty);
        var key = apiKey.GetProperty("key").GetString()!;
        key.ShouldStartWith("crm_");
        apiKey.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).ShouldBe(["*"]);

        using var client = fixture.Client(key);
        var workspace = await client.GetFromJsonAsync<JsonElement>("/api/v1/workspace");
        workspace.GetProperty("id").GetGuid().ShouldBe(id);
        workspace.GetProperty("name").GetString().ShouldBe("Globex");
        using var contact = await client.PostAsync("/api/v1/contacts", ProblemAssertions.Json("""{"firstName":"Ada"}"""));
        contact.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("{}", "name")]
    [InlineData("""{"name":""}""", "name")]
    [InlineData("""{"name":5}""", "name")]
    [InlineData("""{"name":"X","plan":"pro"}""", "plan")]
    [InlineData("""{"name":"X","id":"0198c3f0-0000-7000-8000-000000000000"}""", "id")]
    public async Task An_invalid_workspace_is_400_and_none_is_created(string json, string field)
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var admin = fixture.Admin();
        using var response = await ws.SendUnchangedAsync(ProblemAssertions.Request(HttpMethod.Post, "/api/v1/workspaces", json), admin);
        await response.ShouldBeValidationAsync(field);
    }

    [Fact]
    public async Task Get_workspace_shows_the_callers_workspace()
    {
        var ws = await fixture.NewWorkspaceAsync("Initech");
        var other = await fixture.NewWorkspaceAsync("Umbrella");
        var mine = await ws.Client.GetFromJsonAsync<JsonElement>("/api/v1/workspace");
        mine.GetProperty("id").GetGuid().ShouldBe(ws.Id);
        mine.GetProperty("name").GetString().ShouldBe("Initech");
        mine.TryGetProperty("createdAt", out _).ShouldBeTrue();
        var theirs = await other.Client.GetFromJsonAsync<JsonElement>("/api/v1/workspace");
        theirs.GetProperty("name").GetString().ShouldBe("Umbrella");
    }

    [Fact]
    public async Task Two_authorization_headers_are_refused()
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var client = fixture.Anonymous();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/contacts");
        request.Headers.TryAddWithoutValidation("Authorization", [$"Bearer {ws.Key}", $"Bearer {ws.Key}"]).ShouldBeTrue();
        using var response = await client.SendAsync(request);
        await ShouldBeUnauthorizedAsync(response);
    }

    [Fact]
    public async Task A_key_with_surrounding_whitespace_still_works()
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var client = fixture.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", $"{ws.Key}   ");
        (await client.GetAsync("/api/v1/contacts")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AuthenticationSqliteTests(SqliteApiFixture fixture) : AuthenticationTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class AuthenticationPostgresTests(PostgresApiFixture fixture) : AuthenticationTests(fixture);
