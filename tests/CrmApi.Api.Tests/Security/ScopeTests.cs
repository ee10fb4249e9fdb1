using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmApi.Api.Tests.BadInput;
using CrmApi.Api.Tests.Infrastructure;

namespace CrmApi.Api.Tests.Security;

/// <summary>What a key's scopes allow, and that a refused write changes nothing.</summary>
public abstract class ScopeTests(ApiFixture fixture)
{
    private static async Task ShouldBeForbiddenAsync(HttpResponseMessage response)
        => (await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden")).GetProperty("detail").GetString()!.ShouldContain("scope");

    [Fact]
    public async Task A_contacts_read_key_reads_contacts_and_nothing_else()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var contact = await ws.CreateAsync("/api/v1/contacts", """{"firstName":"Ada"}""");
        var company = await ws.CreateAsync("/api/v1/companies", """{"name":"Acme"}""");
        using var reader = await ws.ClientWithScopesAsync("contacts:read");

        (await reader.GetAsync("/api/v1/contacts")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await reader.GetAsync($"/api/v1/contacts/{contact}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await reader.PostAsync("/api/v1/contacts/search", ProblemAssertions.Json("{}"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await reader.GetAsync("/api/v1/meta/objects")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await reader.GetAsync("/api/v1/workspace")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var companies = await reader.GetAsync("/api/v1/companies");
        await ShouldBeForbiddenAsync(companies);
        using var companyContacts = await reader.GetAsync($"/api/v1/companies/{company}/contacts");
        await ShouldBeForbiddenAsync(companyContacts);
        using var listKeys = await reader.GetAsync("/api/v1/api-keys");
        await ShouldBeForbiddenAsync(listKeys);

        foreach (var (method, url, json) in new (HttpMethod, string, string?)[]
                 {
                     (HttpMethod.Post, "/api/v1/contacts", """{"firstName":"Bob"}"""),
                     (HttpMethod.Patch, $"/api/v1/contacts/{contact}", """{"firstName":"Bob"}"""),
                     (HttpMethod.Delete, $"/api/v1/contacts/{contact}", null),
                     (HttpMethod.Post, $"/api/v1/contacts/{contact}/restore", null),
                     (HttpMethod.Put, $"/api/v1/contacts/{contact}/companies/{company}", null),
                     (HttpMethod.Post, "/api/v1/companies", """{"name":"Globex"}"""),
                     (HttpMethod.Post, "/api/v1/api-keys", """{"name":"more","scopes":["*"]}"""),
                 })
        {
            using var response = await ws.SendUnchangedAsync(ProblemAssertions.Request(method, url, json), reader);
            await ShouldBeForbiddenAsync(response);
        }
    }

    [Fact]
    public async Task Write_scopes_do_not_imply_read()
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var writer = await ws.ClientWithScopesAsync("companies:write");
        using var created = await writer.PostAsync("/api/v1/companies", ProblemAssertions.Json("""{"name":"Acme"}"""));
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        using var get = await writer.GetAsync($"/api/v1/companies/{id}");
        await ShouldBeForbiddenAsync(get);
        using var contacts = await ws.SendUnchangedAsync(
            ProblemAssertions.Request(HttpMethod.Post, "/api/v1/contacts", """{"firstName":"Ada"}"""), writer);
        await ShouldBeForbiddenAsync(contacts);
    }

    [Fact]
    public async Task A_company_contacts_list_needs_both_read_scopes()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var company = await ws.CreateAsync("/api/v1/companies", """{"name":"Acme"}""");
        using var companiesOnly = await ws.ClientWithScopesAsync("companies:read");
        using var forbidden = await companiesOnly.GetAsync($"/api/v1/companies/{company}/contacts");
        await ShouldBeForbiddenAsync(forbidden);
        using var both = await ws.ClientWithScopesAsync("companies:read", "contacts:read");
        (await both.GetAsync($"/api/v1/companies/{company}/contacts")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_star_scope_grants_everything()
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var star = await ws.ClientWithScopesAsync("*");
        (await star.PostAsync("/api/v1/contacts", ProblemAssertions.Json("""{"firstName":"Ada"}"""))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await star.PostAsync("/api/v1/companies", ProblemAssertions.Json("""{"name":"Acme"}"""))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await star.GetAsync("/api/v1/contacts")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await star.GetAsync("/api/v1/companies")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await star.GetAsync("/api/v1/api-keys")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await star.PostAsJsonAsync("/api/v1/api-keys", new { name = "child", scopes = new[] { "contacts:read" } }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        // Even a full-scope key stays a workspace key: creating workspaces is the platform admin's.
        using var workspaces = await ws.SendUnchangedAsync(
            ProblemAssertions.Request(HttpMethod.Post, "/api/v1/workspaces", """{"name":"X"}"""), star);
        await ShouldBeForbiddenAsync(workspaces);
    }

    [Fact]
    public async Task A_deals_read_key_reads_deals_pipelines_and_the_forecast_but_changes_nothing()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var deal = await ws.CreateAsync("/api/v1/deals", """{"name":"Deal"}""");
        var pipeline = (await ws.Client.GetFromJsonAsync<JsonElement>("/api/v1/pipelines?objectType=deal")).GetProperty("data")[0].GetProperty("id").GetString();
        using var reader = await ws.ClientWithScopesAsync("deals:read");

        (await reader.GetAsync("/api/v1/deals")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await reader.GetAsync($"/api/v1/deals/{deal}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await reader.GetAsync($"/api/v1/deals/{deal}/stage-history")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await reader.GetAsync("/api/v1/deals/forecast?from=2030-01-01&to=2030-03-31")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await reader.GetAsync("/api/v1/pipelines")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await reader.GetAsync($"/api/v1/pipelines/{pipeline}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var contacts = await reader.GetAsync("/api/v1/contacts");
        await ShouldBeForbiddenAsync(contacts);

        foreach (var (method, url, json) in new (HttpMethod, string, string?)[]
                 {
                     (HttpMethod.Post, "/api/v1/deals", """{"name":"Other"}"""),
                     (HttpMethod.Patch, $"/api/v1/deals/{deal}", """{"stage":"won"}"""),
                     (HttpMethod.Delete, $"/api/v1/deals/{deal}", null),
                     (HttpMethod.Post, "/api/v1/pipelines", """{"name":"P","objectType":"deal","stages":[{"key":"a","label":"A","probability":0.5}]}"""),
                     (HttpMethod.Patch, $"/api/v1/pipelines/{pipeline}", """{"name":"Renamed"}"""),
                     (HttpMethod.Post, $"/api/v1/pipelines/{pipeline}/stages", """{"key":"z","label":"Z","probability":0.5}"""),
                     (HttpMethod.Delete, $"/api/v1/pipelines/{pipeline}/stages/qualified", null),
                 })
        {
            using var response = await ws.SendUnchangedAsync(ProblemAssertions.Request(method, url, json), reader);
            await ShouldBeForbiddenAsync(response);
        }
    }

    [Fact]
    public async Task Deals_write_moves_deals_and_pipelines_manage_changes_pipelines()
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var seller = await ws.ClientWithScopesAsync("deals:write");
        using var created = await seller.PostAsync("/api/v1/deals", ProblemAssertions.Json("""{"name":"Deal"}"""));
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var deal = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        using var moved = await seller.PatchAsync($"/api/v1/deals/{deal}", ProblemAssertions.Json("""{"stage":"won"}"""));
        moved.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var pipelines = await ws.SendUnchangedAsync(ProblemAssertions.Request(HttpMethod.Post, "/api/v1/pipelines",
            """{"name":"P","objectType":"deal","stages":[{"key":"a","label":"A","probability":0.5}]}"""), seller);
        await ShouldBeForbiddenAsync(pipelines);

        using var admin = await ws.ClientWithScopesAsync("pipelines:manage");
        using var pipeline = await admin.PostAsync("/api/v1/pipelines",
            ProblemAssertions.Json("""{"name":"P","objectType":"ticket","stages":[{"key":"a","label":"A","state":"new"}]}"""));
        pipeline.StatusCode.ShouldBe(HttpStatusCode.Created);
        using var deals = await admin.GetAsync("/api/v1/deals");
        await ShouldBeForbiddenAsync(deals);
    }

    [Fact]
    public async Task An_api_keys_manage_key_manages_keys_but_not_records()
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var manager = await ws.ClientWithScopesAsync("api-keys:manage");
        (await manager.GetAsync("/api/v1/api-keys")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var contacts = await manager.GetAsync("/api/v1/contacts");
        await ShouldBeForbiddenAsync(contacts);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ScopeSqliteTests(SqliteApiFixture fixture) : ScopeTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ScopePostgresTests(PostgresApiFixture fixture) : ScopeTests(fixture);
