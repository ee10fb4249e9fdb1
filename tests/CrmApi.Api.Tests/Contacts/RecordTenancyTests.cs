using System.Net;
using CrmApi.Api.Tests.Infrastructure;
using static CrmApi.Api.Tests.Contacts.RecordApi;

namespace CrmApi.Api.Tests.Contacts;

/// <summary>
/// A record of workspace A does not exist for workspace B: every operation answers exactly as for an id that was never
/// issued, so B cannot even learn that the id is taken.
/// </summary>
public abstract class RecordTenancyTests(ApiFixture fixture)
{
    private static async Task ShouldLookUnknownAsync(HttpResponseMessage foreign, HttpResponseMessage random)
    {
        var foreignProblem = await foreign.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var randomProblem = await random.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        ProblemShape(foreignProblem).ShouldBe(ProblemShape(randomProblem));
    }

    [Theory]
    [InlineData("contacts", """{"firstName":"Ada","externalIds":{"shopify":"8812"}}""", """{"firstName":"Eve"}""")]
    [InlineData("companies", """{"name":"Acme","externalIds":{"shopify":"8812"}}""", """{"name":"Evil"}""")]
    public async Task A_record_of_another_workspace_is_404_like_an_unknown_id(string collection, string body, string patch)
    {
        var a = await fixture.NewWorkspaceAsync("A");
        var b = await fixture.NewWorkspaceAsync("B");
        var id = (await a.Client.CreateAsync(collection, body)).Id();
        var deleted = (await a.Client.CreateAsync(collection, body.Replace("8812", "1"))).Id();
        (await a.Client.DeleteAsync($"/api/v1/{collection}/{deleted}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var before = await a.FingerprintAsync();
        var foreign = $"/api/v1/{collection}/{id}";
        var random = $"/api/v1/{collection}/{Guid.NewGuid()}";

        await ShouldLookUnknownAsync(await b.Client.GetAsync(foreign), await b.Client.GetAsync(random));
        await ShouldLookUnknownAsync(await b.Client.PatchAsync(foreign, patch), await b.Client.PatchAsync(random, patch));
        await ShouldLookUnknownAsync(await b.Client.PatchAsync(foreign, patch, ifMatch: "\"1\""), await b.Client.PatchAsync(random, patch, ifMatch: "\"1\""));
        await ShouldLookUnknownAsync(await b.Client.DeleteAsync(foreign), await b.Client.DeleteAsync(random));
        await ShouldLookUnknownAsync(await b.Client.PostAsync($"{foreign}/restore", null), await b.Client.PostAsync($"{random}/restore", null));
        await ShouldLookUnknownAsync(
            await b.Client.PostAsync($"/api/v1/{collection}/{deleted}/restore", null), await b.Client.PostAsync($"{random}/restore", null));
        await ShouldLookUnknownAsync(
            await b.Client.GetAsync($"/api/v1/{collection}/by-external-id/shopify/8812"),
            await b.Client.GetAsync($"/api/v1/{collection}/by-external-id/shopify/nope"));
        (await b.Client.IdsAsync(collection, null)).ShouldBeEmpty();

        (await a.FingerprintAsync()).ShouldBe(before);
        (await a.Client.IdsAsync(collection, null)).ShouldBe([id]);
    }

    [Fact]
    public async Task Links_across_workspaces_are_404_like_unknown_ids()
    {
        var a = await fixture.NewWorkspaceAsync("A");
        var b = await fixture.NewWorkspaceAsync("B");
        var contactA = (await a.Client.CreateContactAsync("""{"firstName":"Ada"}""")).Id();
        var companyA = (await a.Client.CreateCompanyAsync("""{"name":"Acme"}""")).Id();
        (await a.Client.PutAsync($"/api/v1/contacts/{contactA}/companies/{companyA}", Json("""{"primary":true}"""))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var contactB = (await b.Client.CreateContactAsync("""{"firstName":"Bob"}""")).Id();
        var companyB = (await b.Client.CreateCompanyAsync("""{"name":"Bobco"}""")).Id();
        var beforeA = await a.FingerprintAsync();
        var beforeB = await b.FingerprintAsync();
        var link = Json("""{"role":"Spy","primary":true}""");

        // B's contact to A's company, A's contact to B's company, and A's own link, all seen from B.
        await ShouldLookUnknownAsync(
            await b.Client.PutAsync($"/api/v1/contacts/{contactB}/companies/{companyA}", link),
            await b.Client.PutAsync($"/api/v1/contacts/{contactB}/companies/{Guid.NewGuid()}", link));
        await ShouldLookUnknownAsync(
            await b.Client.PutAsync($"/api/v1/contacts/{contactA}/companies/{companyB}", link),
            await b.Client.PutAsync($"/api/v1/contacts/{Guid.NewGuid()}/companies/{companyB}", link));
        await ShouldLookUnknownAsync(
            await b.Client.DeleteAsync($"/api/v1/contacts/{contactA}/companies/{companyA}"),
            await b.Client.DeleteAsync($"/api/v1/contacts/{Guid.NewGuid()}/companies/{companyA}"));
        await ShouldLookUnknownAsync(
            await b.Client.DeleteAsync($"/api/v1/contacts/{contactB}/companies/{companyA}"),
            await b.Client.DeleteAsync($"/api/v1/contacts/{contactB}/companies/{Guid.NewGuid()}"));
        await ShouldLookUnknownAsync(
            await b.Client.GetAsync($"/api/v1/companies/{companyA}/contacts"),
            await b.Client.GetAsync($"/api/v1/companies/{Guid.NewGuid()}/contacts"));

        (await a.FingerprintAsync()).ShouldBe(beforeA);
        (await b.FingerprintAsync()).ShouldBe(beforeB);
        (await a.Client.GetPageAsync($"companies/{companyA}/contacts")).Ids.ShouldBe([contactA]);
    }

    [Fact]
    public async Task Lists_and_searches_never_show_another_workspaces_rows()
    {
        var a = await fixture.NewWorkspaceAsync("A");
        var b = await fixture.NewWorkspaceAsync("B");
        var companyA = (await a.Client.CreateCompanyAsync("""{"name":"Acme","domain":"acme.com","industry":"Rockets"}""")).Id();
        var contactsA = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var id = (await a.Client.CreateContactAsync(new { firstName = "Ada", lastName = $"Shared{i}", tags = new[] { "vip" } })).Id();
            (await a.Client.PutAsync($"/api/v1/contacts/{id}/companies/{companyA}", Json("""{"primary":true}"""))).StatusCode.ShouldBe(HttpStatusCode.OK);
            contactsA.Add(id);
        }
        var contactB = (await b.Client.CreateContactAsync("""{"firstName":"Ada","lastName":"Shared9","tags":["vip"]}""")).Id();
        var companyB = (await b.Client.CreateCompanyAsync("""{"name":"Acme","domain":"acme.com","industry":"Rockets"}""")).Id();

        foreach (var filter in new string?[]
        {
            null,
            """{"firstName":{"eq":"Ada"}}""",
            """{"lastName":{"startsWith":"shared"}}""",
            """{"tags":{"contains":"vip"}}""",
            """{"or":[{"firstName":{"eq":"Ada"}},{"firstName":{"neq":"Ada"}}]}""",
        })
        {
            (await b.Client.IdsAsync("contacts", filter)).ShouldBe([contactB], filter);
            (await a.Client.IdsAsync("contacts", filter)).ShouldBe(contactsA, ignoreOrder: true, filter);
        }
        (await b.Client.IdsAsync("contacts", """{"company.domain":{"eq":"acme.com"}}""")).ShouldBeEmpty();
        (await b.Client.IdsAsync("contacts", """{"company.industry":{"isNull":true}}""")).ShouldBe([contactB]);
        (await b.Client.IdsAsync("companies", null)).ShouldBe([companyB]);
        (await b.Client.IdsAsync("companies", """{"domain":{"eq":"acme.com"}}""")).ShouldBe([companyB]);
        (await b.Client.GetPageAsync($"companies/{companyB}/contacts")).Items.ShouldBeEmpty();

        // Paging in A with a small limit never leaks B's row either.
        var paged = await a.Client.ListAllAsync("contacts", limit: 1);
        paged.Select(c => c.Id()).ShouldBe(contactsA, ignoreOrder: true);
        paged.ShouldAllBe(c => c.GetProperty("companies")[0].GetProperty("companyId").GetString() == companyA);

        // A cursor from A's listing does not open B's rows.
        var firstPage = await a.Client.GetPageAsync("contacts", limit: 1);
        var fromB = await b.Client.GetPageAsync("contacts", limit: 1, cursor: firstPage.NextCursor);
        fromB.Ids.ShouldAllBe(id => id == contactB);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class RecordTenancySqliteTests(SqliteApiFixture fixture) : RecordTenancyTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class RecordTenancyPostgresTests(PostgresApiFixture fixture) : RecordTenancyTests(fixture);
