using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmApi.Api.Tests.BadInput;
using CrmApi.Api.Tests.Infrastructure;

namespace CrmApi.Api.Tests.Security;

/// <summary>A workspace's key never sees or touches another workspace's records: they are 404, not 403.</summary>
public abstract class TenancyTests(ApiFixture fixture)
{
    [Theory]
    [InlineData("contacts", """{"firstName":"Ada","externalIds":{"shop":"1"}}""", """{"firstName":"Eve"}""")]
    [InlineData("companies", """{"name":"Acme","externalIds":{"shop":"1"}}""", """{"name":"Evil"}""")]
    public async Task Another_workspaces_record_is_404_everywhere(string path, string json, string patch)
    {
        var owner = await fixture.NewWorkspaceAsync();
        var intruder = await fixture.NewWorkspaceAsync();
        var id = await owner.CreateAsync($"/api/v1/{path}", json);
        var url = $"/api/v1/{path}/{id}";

        foreach (var (method, target, body) in new (HttpMethod, string, string?)[]
                 {
                     (HttpMethod.Get, url, null),
                     (HttpMethod.Patch, url, patch),
                     (HttpMethod.Delete, url, null),
                     (HttpMethod.Post, $"{url}/restore", null),
                     (HttpMethod.Get, $"/api/v1/{path}/by-external-id/shop/1", null),
                 })
        {
            using var response = await owner.SendUnchangedAsync(ProblemAssertions.Request(method, target, body), intruder.Client);
            await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        }

        var list = await intruder.Client.GetFromJsonAsync<JsonElement>($"/api/v1/{path}");
        list.GetProperty("data").GetArrayLength().ShouldBe(0);
        using var search = await intruder.Client.PostAsync($"/api/v1/{path}/search",
            ProblemAssertions.Json("{\"filter\":{\"id\":{\"eq\":\"" + id + "\"}}}"));
        (await search.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_contact_cannot_be_linked_to_another_workspaces_company()
    {
        var owner = await fixture.NewWorkspaceAsync();
        var intruder = await fixture.NewWorkspaceAsync();
        var theirCompany = await owner.CreateAsync("/api/v1/companies", """{"name":"Acme"}""");
        var myContact = await intruder.CreateAsync("/api/v1/contacts", """{"firstName":"Eve"}""");

        var ownerBefore = await owner.FingerprintAsync();
        using var response = await intruder.SendUnchangedAsync(
            ProblemAssertions.Request(HttpMethod.Put, $"/api/v1/contacts/{myContact}/companies/{theirCompany}"));
        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        (await owner.FingerprintAsync()).ShouldBe(ownerBefore);
    }

    [Fact]
    public async Task External_ids_and_domains_are_unique_per_workspace_only()
    {
        var a = await fixture.NewWorkspaceAsync();
        var b = await fixture.NewWorkspaceAsync();
        await a.CreateAsync("/api/v1/companies", """{"name":"Acme","domain":"acme.com","externalIds":{"shop":"7"}}""");
        await b.CreateAsync("/api/v1/companies", """{"name":"Acme","domain":"acme.com","externalIds":{"shop":"7"}}""");
        var found = await b.Client.GetFromJsonAsync<JsonElement>("/api/v1/companies/by-external-id/shop/7");
        found.GetProperty("name").GetString().ShouldBe("Acme");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TenancySqliteTests(SqliteApiFixture fixture) : TenancyTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class TenancyPostgresTests(PostgresApiFixture fixture) : TenancyTests(fixture);
