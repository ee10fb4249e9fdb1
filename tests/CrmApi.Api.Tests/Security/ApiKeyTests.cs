using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrmApi.Api.Tests.BadInput;
using CrmApi.Api.Tests.Infrastructure;
using CrmApi.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmApi.Api.Tests.Security;

/// <summary>Issuing, listing and revoking API keys; secrets are shown once and stored only as hashes.</summary>
public abstract class ApiKeyTests(ApiFixture fixture)
{
    private const string Keys = "/api/v1/api-keys";

    private static async Task<JsonElement> CreateKeyAsync(TestWorkspace ws, string json)
    {
        using var response = await ws.Client.PostAsync(Keys, ProblemAssertions.Json(json));
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task Create_returns_the_secret_once_with_its_scopes()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var expires = DateTimeOffset.UtcNow.AddDays(30);
        using var response = await ws.Client.PostAsJsonAsync(Keys,
            new { name = "Zapier", scopes = new[] { "contacts:read", "contacts:write", "contacts:read" }, expiresAt = expires });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetGuid();
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/api-keys/{id}");
        body.GetProperty("name").GetString().ShouldBe("Zapier");
        var key = body.GetProperty("key").GetString()!;
        key.ShouldStartWith("crm_");
        key.Length.ShouldBeGreaterThanOrEqualTo(4 + 43);
        key[4..].ShouldAllBe(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_');
        body.GetProperty("prefix").GetString().ShouldBe(key[..12]);
        body.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).ShouldBe(["contacts:read", "contacts:write"]);
        body.GetProperty("expiresAt").GetDateTimeOffset().ShouldBe(expires, TimeSpan.FromMilliseconds(1));

        var other = await CreateKeyAsync(ws, """{"name":"Second","scopes":["*"]}""");
        other.GetProperty("key").GetString().ShouldNotBe(key);
    }

    [Fact]
    public async Task List_shows_keys_without_their_secrets()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var created = await CreateKeyAsync(ws, """{"name":"Reporting","scopes":["companies:read"]}""");
        var secret = created.GetProperty("key").GetString()!;

        using var response = await ws.Client.GetAsync(Keys);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldNotContain(secret);
        text.ShouldNotContain(ws.Key);
        var data = JsonDocument.Parse(text).RootElement.GetProperty("data").EnumerateArray().ToList();
        data.Count.ShouldBe(2);
        foreach (var item in data)
        {
            item.TryGetProperty("key", out _).ShouldBeFalse();
            item.TryGetProperty("hash", out _).ShouldBeFalse();
            item.GetProperty("prefix").GetString()!.ShouldStartWith("crm_");
        }
        var listed = data.Single(k => k.GetProperty("id").GetString() == created.GetProperty("id").GetString());
        listed.GetProperty("name").GetString().ShouldBe("Reporting");
        listed.GetProperty("prefix").GetString().ShouldBe(secret[..12]);
        listed.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).ShouldBe(["companies:read"]);
        listed.GetProperty("revokedAt").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Theory]
    [InlineData("""{"name":"k","scopes":["contacts:delete"]}""", "scopes[0]")]
    [InlineData("""{"name":"k","scopes":["contacts:read","CONTACTS:READ"]}""", "scopes[1]")]
    [InlineData("""{"name":"k","scopes":[null]}""", "scopes[0]")]
    [InlineData("""{"name":"k","scopes":[]}""", "scopes")]
    [InlineData("""{"name":"k"}""", "scopes")]
    [InlineData("""{"name":"k","scopes":"*"}""", "scopes")]
    [InlineData("""{"scopes":["*"]}""", "name")]
    [InlineData("""{"name":"k","scopes":["*"],"expiresAt":"2001-01-01T00:00:00Z"}""", "expiresAt")]
    [InlineData("""{"name":"k","scopes":["*"],"expiresAt":"next week"}""", "expiresAt")]
    [InlineData("""{"name":"k","scopes":["*"],"expiresAt":"9999-12-31T23:59:59-14:00"}""", "expiresAt")]
    [InlineData("""{"name":"k","scopes":["*"],"expiresAt":1893456000}""", "expiresAt")]
    [InlineData("""{"name":"k","scopes":["*"],"key":"crm_mine"}""", "key")]
    [InlineData("""{"name":"k","scopes":["*"],"createdAt":"2030-01-01T00:00:00Z"}""", "createdAt")]
    public async Task Invalid_keys_are_400_naming_the_field(string json, string field)
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var response = await ws.SendUnchangedAsync(HttpMethod.Post, Keys, json);
        (await response.ShouldBeValidationAsync(field)).Select(e => e.Field).ShouldContain(field);
    }

    [Fact]
    public async Task An_expiry_in_the_past_is_refused_with_400()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var past = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O");
        using var response = await ws.SendUnchangedAsync(HttpMethod.Post, Keys, $$"""{"name":"k","scopes":["*"],"expiresAt":"{{past}}"}""");
        (await response.ShouldBeValidationAsync("expiresAt"))[0].Message.ShouldContain("future");
    }

    [Theory]
    [InlineData("2999-01-01T12:00:00+02:00", "2999-01-01T10:00:00+00:00")]
    [InlineData("9999-12-31T23:59:59Z", "9999-12-31T23:59:59+00:00")]
    public async Task A_future_expiry_in_any_offset_is_stored_in_utc_and_the_key_works(string expiresAt, string stored)
    {
        var ws = await fixture.NewWorkspaceAsync();
        var created = await CreateKeyAsync(ws, $$"""{"name":"k","scopes":["contacts:read"],"expiresAt":"{{expiresAt}}"}""");
        created.GetProperty("expiresAt").GetDateTimeOffset().ShouldBe(DateTimeOffset.Parse(stored, System.Globalization.CultureInfo.InvariantCulture));
        created.GetProperty("expiresAt").GetDateTimeOffset().Offset.ShouldBe(TimeSpan.Zero);
        using var client = fixture.Client(created.GetProperty("key").GetString()!);
        (await client.GetAsync("/api/v1/contacts")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Malformed_and_non_json_key_bodies_are_refused()
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var malformed = await ws.SendUnchangedAsync(HttpMethod.Post, Keys, """{"name":""");
        await malformed.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "malformed-json");
        using var plain = await ws.SendUnchangedAsync(HttpMethod.Post, Keys, "name=k", "text/plain");
        await plain.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Fact]
    public async Task Revoke_marks_the_key_revoked_and_is_idempotent()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var created = await CreateKeyAsync(ws, """{"name":"temp","scopes":["contacts:read"]}""");
        var id = created.GetProperty("id").GetString();

        (await ws.Client.DeleteAsync($"{Keys}/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var listed = (await ws.Client.GetFromJsonAsync<JsonElement>(Keys)).GetProperty("data").EnumerateArray()
            .Single(k => k.GetProperty("id").GetString() == id);
        var revokedAt = listed.GetProperty("revokedAt").GetDateTimeOffset();
        revokedAt.ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-5));

        using var again = await ws.SendUnchangedAsync(HttpMethod.Delete, $"{Keys}/{id}");
        again.StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Another_workspaces_key_cannot_be_seen_or_revoked()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var other = await fixture.NewWorkspaceAsync();
        var theirs = await CreateKeyAsync(other, """{"name":"theirs","scopes":["contacts:read"]}""");
        var id = theirs.GetProperty("id").GetString();

        using var response = await other.SendUnchangedAsync(
            ProblemAssertions.Request(HttpMethod.Delete, $"{Keys}/{id}"), ws.Client);
        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        var mine = await ws.Client.GetFromJsonAsync<JsonElement>(Keys);
        mine.GetProperty("data").EnumerateArray().Select(k => k.GetProperty("id").GetString()).ShouldNotContain(id);
        using var client = fixture.Client(theirs.GetProperty("key").GetString()!);
        (await client.GetAsync("/api/v1/contacts")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Revoking_an_unknown_key_is_404()
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var response = await ws.SendUnchangedAsync(HttpMethod.Delete, $"{Keys}/{Guid.NewGuid()}");
        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Keys_are_stored_only_as_hashes()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var created = await CreateKeyAsync(ws, """{"name":"stored","scopes":["contacts:read"]}""");
        var secret = created.GetProperty("key").GetString()!;
        var id = created.GetProperty("id").GetGuid();

        (await ws.FingerprintAsync()).ShouldNotContain(secret);
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var rows = await db.ApiKeys.IgnoreQueryFilters().AsNoTracking().Where(k => k.WorkspaceId == ws.Id).ToListAsync();
        rows.Count.ShouldBe(2);
        var row = rows.Single(k => k.Id == id);
        row.Hash.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret))));
        foreach (var stored in rows.SelectMany(k => new[] { k.Hash, k.Name, k.Prefix }))
        {
            stored.ShouldNotContain(secret);
            stored.ShouldNotContain(ws.Key);
        }
        row.Prefix.Length.ShouldBeLessThan(secret.Length / 2);
    }

    [Fact]
    public async Task A_key_cannot_grant_scopes_it_does_not_hold()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var manager = await CreateKeyAsync(ws, """{"name":"manager","scopes":["api-keys:manage","contacts:read"]}""");
        using var client = fixture.Client(manager.GetProperty("key").GetString()!);

        foreach (var scopes in new[] { """["*"]""", """["contacts:write"]""", """["contacts:read","companies:read"]""" })
        {
            using var response = await ws.SendUnchangedAsync(
                ProblemAssertions.Request(HttpMethod.Post, Keys, $$"""{"name":"escalate","scopes":{{scopes}}}"""), client);
            var body = await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
            ProblemAssertions.Errors(body).ShouldNotBeEmpty();
            ProblemAssertions.Errors(body)[0].Field.ShouldStartWith("scopes[");
        }

        using var allowed = await client.PostAsync(Keys, ProblemAssertions.Json("""{"name":"narrower","scopes":["contacts:read"]}"""));
        allowed.StatusCode.ShouldBe(HttpStatusCode.Created);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ApiKeySqliteTests(SqliteApiFixture fixture) : ApiKeyTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ApiKeyPostgresTests(PostgresApiFixture fixture) : ApiKeyTests(fixture);
