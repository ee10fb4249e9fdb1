using System.Net;
using CrmApi.Api.Tests.Infrastructure;
using static CrmApi.Api.Tests.Contacts.RecordApi;

namespace CrmApi.Api.Tests.Companies;

public abstract class CompanyCrudTests(ApiFixture fixture)
{
    [Fact]
    public async Task Create_then_get_returns_the_company_with_etag_and_location()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var created = await ws.Client.PostAsync("/api/v1/companies", Json("""
            {"name":" Acme Corp ","domain":"WWW.Acme.COM.","industry":"Manufacturing","employeeCount":250,
             "annualRevenue":1234567.8912,"currency":"eur","address":{"city":"Berlin","country":"de"},
             "tags":["Partner","B2B"],"externalIds":{"hubspot":"H-1"}}
            """));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        created.ETag().ShouldBe("\"1\"");
        var body = await created.BodyAsync();
        created.Headers.Location!.ToString().ShouldBe($"/api/v1/companies/{body.Id()}");
        body.Version().ShouldBe(1);
        body.Str("name").ShouldBe("Acme Corp");
        body.Str("domain").ShouldBe("www.acme.com");
        body.GetProperty("employeeCount").GetInt32().ShouldBe(250);
        body.GetProperty("annualRevenue").GetDecimal().ShouldBe(1234567.8912m);
        body.Str("currency").ShouldBe("EUR");
        body.GetProperty("address").Str("country").ShouldBe("DE");
        body.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldBe(["b2b", "partner"]);
        body.GetProperty("externalIds").GetProperty("hubspot").GetString().ShouldBe("H-1");

        var got = await ws.Client.GetAsync($"/api/v1/companies/{body.Id()}");
        got.StatusCode.ShouldBe(HttpStatusCode.OK);
        got.ETag().ShouldBe("\"1\"");
        (await got.BodyAsync()).GetRawText().ShouldBe(body.GetRawText());

        var notModified = await ws.Client.SendAsync(HttpMethod.Get, $"/api/v1/companies/{body.Id()}", ifNoneMatch: "\"1\"");
        notModified.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        (await ws.Client.SendAsync(HttpMethod.Get, $"/api/v1/companies/{body.Id()}", ifNoneMatch: "\"7\"")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var byExternalId = await ws.Client.GetAsync("/api/v1/companies/by-external-id/hubspot/H-1");
        byExternalId.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await byExternalId.BodyAsync()).Id().ShouldBe(body.Id());
        await (await ws.Client.GetAsync("/api/v1/companies/by-external-id/hubspot/H-2")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(MergePatch)]
    [InlineData("application/json")]
    public async Task Patch_merges_fields_clears_nulls_and_replaces_arrays(string mediaType)
    {
        var ws = await fixture.NewWorkspaceAsync();
        var created = await ws.Client.CreateCompanyAsync("""
            {"name":"Acme","domain":"acme.com","industry":"Rockets","employeeCount":10,"annualRevenue":100.5,"currency":"USD",
             "address":{"street":"1 Main St","city":"Springfield","country":"US"},"tags":["a","b"],
             "externalIds":{"hubspot":"H-1","erp":"E-1"}}
            """);

        var patched = await ws.Client.PatchAsync($"/api/v1/companies/{created.Id()}", """
            {"industry":null,"employeeCount":12,"address":{"city":"Shelbyville","street":null},"tags":["c"],"externalIds":{"erp":null}}
            """, mediaType);
        patched.StatusCode.ShouldBe(HttpStatusCode.OK, await patched.Content.ReadAsStringAsync());
        patched.ETag().ShouldBe("\"2\"");
        var body = await patched.BodyAsync();
        body.Version().ShouldBe(2);
        body.Str("name").ShouldBe("Acme");
        body.Str("domain").ShouldBe("acme.com");
        body.Str("industry").ShouldBeNull();
        body.GetProperty("employeeCount").GetInt32().ShouldBe(12);
        body.GetProperty("annualRevenue").GetDecimal().ShouldBe(100.5m);
        body.GetProperty("address").Str("street").ShouldBeNull();
        body.GetProperty("address").Str("city").ShouldBe("Shelbyville");
        body.GetProperty("address").Str("country").ShouldBe("US");
        body.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldBe(["c"]);
        body.GetProperty("externalIds").EnumerateObject().Select(p => p.Name).ShouldBe(["hubspot"]);

        (await (await ws.Client.GetAsync($"/api/v1/companies/{created.Id()}")).BodyAsync()).GetRawText().ShouldBe(body.GetRawText());
        await (await ws.Client.GetAsync("/api/v1/companies/by-external-id/erp/E-1")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        // Clearing a required field is a validation error naming it; annual revenue needs its currency.
        var before = await ws.FingerprintAsync();
        await (await ws.Client.PatchAsync($"/api/v1/companies/{created.Id()}", """{"name":null}""", mediaType))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "name");
        await (await ws.Client.PatchAsync($"/api/v1/companies/{created.Id()}", """{"currency":null}""", mediaType))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "currency");
        (await ws.FingerprintAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Patch_that_changes_nothing_keeps_the_version()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var created = await ws.Client.CreateCompanyAsync(
            """{"name":"Acme","domain":"acme.com","annualRevenue":10,"currency":"USD","tags":["x"]}""");
        var before = await ws.FingerprintAsync();
        foreach (var patch in new[] { "{}", """{"name":"Acme"}""", """{"domain":"ACME.com","annualRevenue":10.00,"currency":"usd","tags":["X"]}""" })
        {
            var response = await ws.Client.PatchAsync($"/api/v1/companies/{created.Id()}", patch);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, patch);
            response.ETag().ShouldBe("\"1\"", patch);
            (await response.BodyAsync()).Version().ShouldBe(1, patch);
        }
        (await ws.FingerprintAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Writes_honour_if_match()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var id = (await ws.Client.CreateCompanyAsync("""{"name":"Acme"}""")).Id();
        var url = $"/api/v1/companies/{id}";

        (await ws.Client.PatchAsync(url, """{"industry":"Rockets"}""", ifMatch: "\"1\"")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var before = await ws.FingerprintAsync();
        await (await ws.Client.PatchAsync(url, """{"industry":"Energy"}""", ifMatch: "\"1\"")).ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await ws.Client.SendAsync(HttpMethod.Delete, url, ifMatch: "\"1\"")).ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        (await ws.FingerprintAsync()).ShouldBe(before);

        var any = await ws.Client.PatchAsync(url, """{"industry":"Energy"}""", ifMatch: "*");
        any.StatusCode.ShouldBe(HttpStatusCode.OK);
        any.ETag().ShouldBe("\"3\"");
        (await ws.Client.SendAsync(HttpMethod.Delete, url, ifMatch: "\"3\"")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Delete_hides_the_company_and_restore_brings_it_back()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var acme = (await ws.Client.CreateCompanyAsync("""{"name":"Acme","externalIds":{"hubspot":"H-1"}}""")).Id();
        var globex = (await ws.Client.CreateCompanyAsync("""{"name":"Globex"}""")).Id();

        (await ws.Client.DeleteAsync($"/api/v1/companies/{acme}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await ws.Client.GetAsync($"/api/v1/companies/{acme}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await ws.Client.DeleteAsync($"/api/v1/companies/{acme}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await ws.Client.PatchAsync($"/api/v1/companies/{acme}", """{"name":"X"}""")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await ws.Client.GetAsync("/api/v1/companies/by-external-id/hubspot/H-1")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await ws.Client.IdsAsync("companies", null)).ShouldBe([globex]);

        var restored = await ws.Client.PostAsync($"/api/v1/companies/{acme}/restore", null);
        restored.StatusCode.ShouldBe(HttpStatusCode.OK);
        restored.ETag().ShouldBe("\"3\"");
        (await restored.BodyAsync()).Str("name").ShouldBe("Acme");
        (await ws.Client.IdsAsync("companies", null)).ShouldBe([globex, acme]);

        var before = await ws.FingerprintAsync();
        var again = await ws.Client.PostAsync($"/api/v1/companies/{acme}/restore", null);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.BodyAsync()).Version().ShouldBe(3);
        (await ws.FingerprintAsync()).ShouldBe(before);
        await (await ws.Client.PostAsync($"/api/v1/companies/{Guid.NewGuid()}/restore", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Invalid_companies_are_rejected_with_their_fields()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var before = await ws.FingerprintAsync();
        await (await ws.Client.PostAsync("/api/v1/companies", Json("""{"domain":"acme.com"}"""))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "name");
        await (await ws.Client.PostAsync("/api/v1/companies", Json("""{"name":"Acme","domain":"not a domain"}"""))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "domain");
        await (await ws.Client.PostAsync("/api/v1/companies", Json("""{"name":"Acme","employeeCount":-1}"""))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "employeeCount");
        await (await ws.Client.PostAsync("/api/v1/companies", Json("""{"name":"Acme","employeeCount":"12"}"""))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "employeeCount");
        await (await ws.Client.PostAsync("/api/v1/companies", Json("""{"name":"Acme","annualRevenue":1.23456,"currency":"USD"}"""))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "annualRevenue");
        await (await ws.Client.PostAsync("/api/v1/companies", Json("""{"name":"Acme","annualRevenue":5}"""))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "currency");
        await (await ws.Client.PostAsync("/api/v1/companies", Json("""{"name":"Acme","currency":"XYZ"}"""))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "currency");
        (await ws.FingerprintAsync()).ShouldBe(before);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CompanyCrudSqliteTests(SqliteApiFixture fixture) : CompanyCrudTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class CompanyCrudPostgresTests(PostgresApiFixture fixture) : CompanyCrudTests(fixture);
