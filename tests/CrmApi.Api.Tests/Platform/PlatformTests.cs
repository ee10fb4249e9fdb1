using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmApi.Api.Tests.BadInput;
using CrmApi.Api.Tests.Infrastructure;

namespace CrmApi.Api.Tests.Platform;

/// <summary>What surrounds the API: health, the OpenAPI document and UI, version reporting, CORS and unknown routes.</summary>
public abstract class PlatformTests(ApiFixture fixture)
{
    private const string AllowedOrigin = "https://app.example.com";

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_without_a_key(string url)
    {
        using var client = fixture.Anonymous();
        using var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }

    [Fact]
    public async Task The_openapi_document_is_served_without_a_key()
    {
        using var client = fixture.Anonymous();
        using var response = await client.GetAsync("/openapi/v1.json");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ShouldHaveJsonMediaType();
        var doc = await response.Content.ReadFromJsonAsync<JsonElement>();
        doc.GetProperty("openapi").GetString()!.ShouldStartWith("3.1");
        doc.GetProperty("paths").TryGetProperty("/api/v1/contacts", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Swagger_ui_is_served()
    {
        using var client = fixture.Anonymous();
        using var response = await client.GetAsync("/swagger/index.html");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await response.Content.ReadAsStringAsync()).ShouldContain("swagger", Case.Insensitive);
    }

    [Fact]
    public async Task Every_api_response_reports_the_supported_versions()
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var anonymous = fixture.Anonymous();
        using var admin = fixture.Admin();
        var responses = new List<HttpResponseMessage>
        {
            await ws.Client.GetAsync("/api/v1/contacts"),
            await ws.Client.PostAsync("/api/v1/contacts", ProblemAssertions.Json("""{"firstName":"Ada"}""")),
            await ws.Client.PostAsync("/api/v1/contacts", ProblemAssertions.Json("""{"firstName":5}""")),
            await ws.Client.GetAsync($"/api/v1/contacts/{Guid.NewGuid()}"),
            await ws.Client.GetAsync("/api/v1/workspace"),
            await ws.Client.GetAsync("/api/v1/meta/objects"),
            await ws.Client.GetAsync("/api/v1/api-keys"),
            await anonymous.GetAsync("/api/v1/contacts"),
            await admin.GetAsync("/api/v1/contacts"),
        };
        foreach (var response in responses)
        {
            response.Headers.TryGetValues("api-supported-versions", out var values)
                .ShouldBeTrue($"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri} -> {(int)response.StatusCode}");
            string.Join(",", values!).ShouldBe("1");
            response.Dispose();
        }
    }

    [Fact]
    public async Task An_unsupported_api_version_is_a_problem()
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var response = await ws.Client.GetAsync("/api/v2/contacts");
        ((int)response.StatusCode).ShouldBeInRange(400, 404);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("type").GetString()!.ShouldStartWith(ProblemAssertions.TypePrefix);
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_problem()
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var response = await ws.Client.GetAsync("/api/v1/nope");
        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task A_cors_preflight_from_an_allowed_origin_is_granted()
    {
        using var client = fixture.Anonymous();
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/contacts/0198c3f0-0000-7000-8000-000000000000");
        request.Headers.Add("Origin", AllowedOrigin);
        request.Headers.Add("Access-Control-Request-Method", "PATCH");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,if-match,content-type");
        using var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        response.Headers.GetValues("Access-Control-Allow-Origin").Single().ShouldBe(AllowedOrigin);
        string.Join(",", response.Headers.GetValues("Access-Control-Allow-Methods")).ShouldContain("PATCH");
        var allowedHeaders = string.Join(",", response.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant();
        allowedHeaders.ShouldContain("authorization");
        allowedHeaders.ShouldContain("if-match");
        allowedHeaders.ShouldContain("content-type");
    }

    [Fact]
    public async Task A_cross_origin_response_exposes_etag_and_location()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/contacts") { Content = ProblemAssertions.Json("""{"firstName":"Ada"}""") };
        request.Headers.Add("Origin", AllowedOrigin);
        using var created = await ws.Client.SendAsync(request);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        created.Headers.GetValues("Access-Control-Allow-Origin").Single().ShouldBe(AllowedOrigin);
        var exposed = string.Join(",", created.Headers.GetValues("Access-Control-Expose-Headers")).Split(',', StringSplitOptions.TrimEntries);
        exposed.ShouldContain("ETag");
        exposed.ShouldContain("Location");
        exposed.ShouldContain("api-supported-versions");

        var get = new HttpRequestMessage(HttpMethod.Get, created.Headers.Location);
        get.Headers.Add("Origin", AllowedOrigin);
        using var got = await ws.Client.SendAsync(get);
        got.StatusCode.ShouldBe(HttpStatusCode.OK);
        got.Headers.GetValues("Access-Control-Allow-Origin").Single().ShouldBe(AllowedOrigin);
        string.Join(",", got.Headers.GetValues("Access-Control-Expose-Headers")).ShouldContain("ETag");
    }

    [Fact]
    public async Task Problems_reach_browsers_of_allowed_origins_too()
    {
        using var client = fixture.Anonymous();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/contacts");
        request.Headers.Add("Origin", AllowedOrigin);
        using var response = await client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.GetValues("Access-Control-Allow-Origin").Single().ShouldBe(AllowedOrigin);
    }

    [Fact]
    public async Task Another_origin_gets_no_cors_grant()
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var anonymous = fixture.Anonymous();
        var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/contacts");
        preflight.Headers.Add("Origin", "https://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        using var preflightResponse = await anonymous.SendAsync(preflight);
        preflightResponse.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
        preflightResponse.Headers.Contains("Access-Control-Allow-Methods").ShouldBeFalse();

        var get = new HttpRequestMessage(HttpMethod.Get, "/api/v1/contacts");
        get.Headers.Add("Origin", "https://evil.example");
        using var response = await ws.Client.SendAsync(get);
        response.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
        response.Headers.Contains("Access-Control-Expose-Headers").ShouldBeFalse();

        var lookalike = new HttpRequestMessage(HttpMethod.Get, "/api/v1/contacts");
        lookalike.Headers.Add("Origin", "https://app.example.com.evil.example");
        using var lookalikeResponse = await ws.Client.SendAsync(lookalike);
        lookalikeResponse.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }

    [Fact]
    public async Task Meta_lists_every_object_with_its_fields()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var body = await ws.Client.GetFromJsonAsync<JsonElement>("/api/v1/meta/objects");
        var objects = body.GetProperty("data").EnumerateArray().ToList();
        objects.Select(o => o.GetProperty("name").GetString()).ShouldBe(["contact", "company", "activity", "deal", "ticket"], ignoreOrder: true);
        foreach (var meta in objects)
        {
            meta.GetProperty("defaultSort").GetString().ShouldNotBeNullOrWhiteSpace();
            var fields = meta.GetProperty("fields").EnumerateArray().ToList();
            fields.ShouldNotBeEmpty();
            foreach (var field in fields)
            {
                field.GetProperty("name").GetString().ShouldNotBeNullOrWhiteSpace();
                field.GetProperty("type").GetString().ShouldNotBeNullOrWhiteSpace();
                field.GetProperty("operators").GetArrayLength().ShouldBeGreaterThan(0);
                field.GetProperty("sortable").ValueKind.ShouldBeOneOf(JsonValueKind.True, JsonValueKind.False);
            }
            fields.ShouldContain(f => f.GetProperty("name").GetString() == "createdAt" && f.GetProperty("sortable").GetBoolean());
        }
        var company = objects.Single(o => o.GetProperty("name").GetString() == "company");
        company.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ShouldContain("name");
    }

    [Fact]
    public async Task Meta_for_contact_includes_company_fields()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var contact = await ws.Client.GetFromJsonAsync<JsonElement>("/api/v1/meta/objects/contact");
        contact.GetProperty("name").GetString().ShouldBe("contact");
        var fields = contact.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);
        var industry = fields["company.industry"];
        industry.GetProperty("type").GetString().ShouldBe("string");
        industry.GetProperty("sortable").GetBoolean().ShouldBeFalse();
        industry.GetProperty("operators").EnumerateArray().Select(o => o.GetString()).ShouldContain("eq");
        fields["lastName"].GetProperty("sortable").GetBoolean().ShouldBeTrue();
        fields["tags"].GetProperty("operators").EnumerateArray().Select(o => o.GetString()).ShouldContain("contains");
        fields["lifecycleStage"].GetProperty("enumValues").GetArrayLength().ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("Contact")]
    [InlineData("contacts")]
    public async Task Meta_for_an_unknown_object_is_404(string name)
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var response = await ws.Client.GetAsync($"/api/v1/meta/objects/{name}");
        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task A_wrong_method_is_a_problem()
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var response = await ws.SendUnchangedAsync(HttpMethod.Put, "/api/v1/contacts", """{"firstName":"Ada"}""");
        await response.ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed, "method-not-allowed");
        response.Content.Headers.Allow.ShouldContain("POST");
    }

    /// <summary>
    /// The framework writes some problems itself: 404 for a path no route matches (an id that is not a UUID), 415 from
    /// the Accepts metadata, 405, and 400 when a query parameter does not bind (limit=abc). They get our problem types,
    /// a detail, and the 400 names the parameter.
    /// </summary>
    [Fact]
    public async Task Framework_problems_have_a_detail_and_field_errors()
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var notUuid = await ws.Client.GetAsync("/api/v1/contacts/not-a-uuid");
        await notUuid.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        using var textPlain = await ws.Client.PostAsync("/api/v1/contacts", ProblemAssertions.Json("{}", "text/plain"));
        await textPlain.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        using var limit = await ws.Client.GetAsync("/api/v1/contacts?limit=abc");
        (await limit.ShouldBeValidationAsync("limit"))[0].Field.ShouldBe("limit");
        using var method = await ws.Client.PutAsync("/api/v1/contacts", ProblemAssertions.Json("{}"));
        var body = await method.ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed, "method-not-allowed");
        body.GetProperty("type").GetString()!.ShouldStartWith(ProblemAssertions.TypePrefix);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PlatformSqliteTests(SqliteApiFixture fixture) : PlatformTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PlatformPostgresTests(PostgresApiFixture fixture) : PlatformTests(fixture);
