using System.Net;
using CrmApi.Api.Tests.Infrastructure;
using static CrmApi.Api.Tests.Contacts.RecordApi;

namespace CrmApi.Api.Tests.Companies;

public abstract class CompanyDomainTests(ApiFixture fixture)
{
    [Fact]
    public async Task A_domain_is_unique_in_the_workspace_whatever_its_case()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var acme = await ws.Client.CreateCompanyAsync("""{"name":"Acme","domain":"Acme.COM"}""");
        acme.Str("domain").ShouldBe("acme.com");
        var before = await ws.FingerprintAsync();

        var problem = await (await ws.Client.PostAsync("/api/v1/companies", Json("""{"name":"Acme 2","domain":" ACME.com. "}""")))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "domain");
        problem.GetProperty("type").GetString().ShouldBe("urn:crmapi:problem:conflict");
        (await ws.FingerprintAsync()).ShouldBe(before);

        // Companies without a domain do not collide with each other.
        await ws.Client.CreateCompanyAsync("""{"name":"No domain 1"}""");
        await ws.Client.CreateCompanyAsync("""{"name":"No domain 2","domain":null}""");
        (await ws.Client.IdsAsync("companies", """{"domain":{"isNull":true}}""")).Count.ShouldBe(2);
        (await ws.Client.IdsAsync("companies", """{"domain":{"eq":"ACME.COM"}}""")).ShouldBe([acme.Id()]);
    }

    [Fact]
    public async Task Patching_in_a_taken_domain_is_a_conflict_and_changes_nothing()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var acme = await ws.Client.CreateCompanyAsync("""{"name":"Acme","domain":"acme.com"}""");
        var globex = await ws.Client.CreateCompanyAsync("""{"name":"Globex","domain":"globex.com"}""");
        var before = await ws.FingerprintAsync();

        await (await ws.Client.PatchAsync($"/api/v1/companies/{globex.Id()}", """{"name":"Globex Intl","domain":"ACME.com"}"""))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "domain");
        (await ws.FingerprintAsync()).ShouldBe(before);

        // A company keeps its own domain in any case; once it gives a domain up, another company can take it.
        var same = await ws.Client.PatchAsync($"/api/v1/companies/{acme.Id()}", """{"domain":"ACME.COM"}""");
        same.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await same.BodyAsync()).Version().ShouldBe(1);
        (await ws.Client.PatchAsync($"/api/v1/companies/{acme.Id()}", """{"domain":"acme.org"}""")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var moved = await ws.Client.PatchAsync($"/api/v1/companies/{globex.Id()}", """{"domain":"acme.com"}""");
        moved.StatusCode.ShouldBe(HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
        (await moved.BodyAsync()).Str("domain").ShouldBe("acme.com");
    }

    [Fact]
    public async Task A_deleted_company_keeps_its_domain()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var acme = await ws.Client.CreateCompanyAsync("""{"name":"Acme","domain":"acme.com"}""");
        (await ws.Client.DeleteAsync($"/api/v1/companies/{acme.Id()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var before = await ws.FingerprintAsync();

        await (await ws.Client.PostAsync("/api/v1/companies", Json("""{"name":"New Acme","domain":"acme.com"}""")))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "domain");
        (await ws.FingerprintAsync()).ShouldBe(before);
        (await ws.Client.PostAsync($"/api/v1/companies/{acme.Id()}/restore", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Two_workspaces_can_use_the_same_domain_and_external_ids()
    {
        var a = await fixture.NewWorkspaceAsync("A");
        var b = await fixture.NewWorkspaceAsync("B");
        var inA = await a.Client.CreateCompanyAsync("""{"name":"Acme","domain":"acme.com","externalIds":{"hubspot":"H-1"}}""");
        var inB = await b.Client.CreateCompanyAsync("""{"name":"Acme","domain":"acme.com","externalIds":{"hubspot":"H-1"}}""");
        var contactA = await a.Client.CreateContactAsync("""{"firstName":"Ada","externalIds":{"shopify":"8812"}}""");
        var contactB = await b.Client.CreateContactAsync("""{"firstName":"Ada","externalIds":{"shopify":"8812"}}""");

        (await (await a.Client.GetAsync("/api/v1/companies/by-external-id/hubspot/H-1")).BodyAsync()).Id().ShouldBe(inA.Id());
        (await (await b.Client.GetAsync("/api/v1/companies/by-external-id/hubspot/H-1")).BodyAsync()).Id().ShouldBe(inB.Id());
        (await (await a.Client.GetAsync("/api/v1/contacts/by-external-id/shopify/8812")).BodyAsync()).Id().ShouldBe(contactA.Id());
        (await (await b.Client.GetAsync("/api/v1/contacts/by-external-id/shopify/8812")).BodyAsync()).Id().ShouldBe(contactB.Id());

        // Patching in a value another workspace holds is fine too.
        var other = await b.Client.CreateCompanyAsync("""{"name":"Other"}""");
        (await b.Client.PatchAsync($"/api/v1/companies/{other.Id()}", """{"domain":"acme.org","externalIds":{"erp":"E-1"}}"""))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await a.Client.PatchAsync($"/api/v1/companies/{inA.Id()}", """{"domain":"acme.org","externalIds":{"erp":"E-1"}}"""))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        // And a duplicate within each workspace is still refused.
        await (await b.Client.PostAsync("/api/v1/companies", Json("""{"name":"Dup","domain":"acme.com"}""")))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "domain");
        await (await b.Client.PostAsync("/api/v1/companies", Json("""{"name":"Dup","externalIds":{"hubspot":"H-1"}}""")))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "externalIds.hubspot");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CompanyDomainSqliteTests(SqliteApiFixture fixture) : CompanyDomainTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class CompanyDomainPostgresTests(PostgresApiFixture fixture) : CompanyDomainTests(fixture);
