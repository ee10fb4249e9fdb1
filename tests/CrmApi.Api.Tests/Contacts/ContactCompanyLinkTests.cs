using System.Net;
using System.Text.Json;
using CrmApi.Api.Tests.Infrastructure;
using static CrmApi.Api.Tests.Contacts.RecordApi;

namespace CrmApi.Api.Tests.Contacts;

public abstract class ContactCompanyLinkTests(ApiFixture fixture)
{
    private static string Links(JsonElement contact) => string.Join(",", contact.GetProperty("companies").EnumerateArray()
        .Select(l => $"{l.Str("companyId")}:{l.Str("role")}:{l.GetProperty("primary").GetBoolean()}"));

    [Fact]
    public async Task Linking_with_a_role_and_primary_shows_on_the_contact()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var contact = await ws.Client.CreateContactAsync("""{"firstName":"Ada"}""");
        var company = await ws.Client.CreateCompanyAsync("""{"name":"Acme"}""");

        var linked = await ws.Client.PutAsync($"/api/v1/contacts/{contact.Id()}/companies/{company.Id()}", Json("""{"role":" CTO ","primary":true}"""));
        linked.StatusCode.ShouldBe(HttpStatusCode.OK, await linked.Content.ReadAsStringAsync());
        var body = await linked.BodyAsync();
        Links(body).ShouldBe($"{company.Id()}:CTO:True");
        body.Version().ShouldBe(2);
        linked.ETag().ShouldBe("\"2\"");

        var got = await ws.Client.GetAsync($"/api/v1/contacts/{contact.Id()}");
        got.ETag().ShouldBe("\"2\"");
        Links(await got.BodyAsync()).ShouldBe($"{company.Id()}:CTO:True");
    }

    [Fact]
    public async Task Making_a_second_company_primary_demotes_the_first()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var contact = (await ws.Client.CreateContactAsync("""{"firstName":"Ada"}""")).Id();
        var first = (await ws.Client.CreateCompanyAsync("""{"name":"First"}""")).Id();
        var second = (await ws.Client.CreateCompanyAsync("""{"name":"Second"}""")).Id();
        var third = (await ws.Client.CreateCompanyAsync("""{"name":"Third"}""")).Id();

        (await ws.Client.PutAsync($"/api/v1/contacts/{contact}/companies/{first}", Json("""{"role":"CEO","primary":true}"""))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ws.Client.PutAsync($"/api/v1/contacts/{contact}/companies/{third}", Json("""{"role":"Advisor"}"""))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var response = await ws.Client.PutAsync($"/api/v1/contacts/{contact}/companies/{second}", Json("""{"role":"CTO","primary":true}"""));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());

        // The primary company comes first, then the others in the order they were linked.
        var expected = $"{second}:CTO:True,{first}:CEO:False,{third}:Advisor:False";
        Links(await response.BodyAsync()).ShouldBe(expected);
        Links(await (await ws.Client.GetAsync($"/api/v1/contacts/{contact}")).BodyAsync()).ShouldBe(expected);
    }

    [Fact]
    public async Task Linking_without_a_body_makes_a_plain_link_and_relinking_updates_it()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var contact = (await ws.Client.CreateContactAsync("""{"firstName":"Ada"}""")).Id();
        var company = (await ws.Client.CreateCompanyAsync("""{"name":"Acme"}""")).Id();
        var url = $"/api/v1/contacts/{contact}/companies/{company}";

        var plain = await ws.Client.PutAsync(url, null);
        plain.StatusCode.ShouldBe(HttpStatusCode.OK, await plain.Content.ReadAsStringAsync());
        Links(await plain.BodyAsync()).ShouldBe($"{company}::False");

        var updated = await ws.Client.PutAsync(url, Json("""{"role":"Buyer","primary":true}"""));
        updated.StatusCode.ShouldBe(HttpStatusCode.OK);
        Links(await updated.BodyAsync()).ShouldBe($"{company}:Buyer:True");

        var emptyObject = await ws.Client.PutAsync(url, Json("{}"));
        emptyObject.StatusCode.ShouldBe(HttpStatusCode.OK);
        Links(await emptyObject.BodyAsync()).ShouldBe($"{company}::False");
    }

    [Fact]
    public async Task Invalid_link_bodies_are_rejected_without_writing()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var contact = (await ws.Client.CreateContactAsync("""{"firstName":"Ada"}""")).Id();
        var company = (await ws.Client.CreateCompanyAsync("""{"name":"Acme"}""")).Id();
        var url = $"/api/v1/contacts/{contact}/companies/{company}";
        var before = await ws.FingerprintAsync();

        await (await ws.Client.PutAsync(url, Json($$$"""{"role":"{{{new string('x', 101)}}}"}"""))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "role");
        await (await ws.Client.PutAsync(url, Json("""{"primary":"yes"}"""))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "primary");
        await (await ws.Client.PutAsync(url, Json("""{"title":"CTO"}"""))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "title");
        await (await ws.Client.PutAsync(url, Json("""{"role":"CTO"}""", "text/plain"))).ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
        (await ws.FingerprintAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Unlinking_returns_204_then_404()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var contact = (await ws.Client.CreateContactAsync("""{"firstName":"Ada"}""")).Id();
        var company = (await ws.Client.CreateCompanyAsync("""{"name":"Acme"}""")).Id();
        var url = $"/api/v1/contacts/{contact}/companies/{company}";
        (await ws.Client.PutAsync(url, Json("""{"primary":true}"""))).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await ws.Client.DeleteAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var got = await (await ws.Client.GetAsync($"/api/v1/contacts/{contact}")).BodyAsync();
        got.GetProperty("companies").GetArrayLength().ShouldBe(0);
        got.Version().ShouldBe(3);
        (await ws.Client.GetPageAsync($"companies/{company}/contacts")).Items.ShouldBeEmpty();

        await (await ws.Client.DeleteAsync(url)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await ws.Client.DeleteAsync($"/api/v1/contacts/{Guid.NewGuid()}/companies/{company}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Linking_an_unknown_company_or_contact_is_404()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var contact = (await ws.Client.CreateContactAsync("""{"firstName":"Ada"}""")).Id();
        var company = (await ws.Client.CreateCompanyAsync("""{"name":"Acme"}""")).Id();
        var before = await ws.FingerprintAsync();

        var noCompany = await (await ws.Client.PutAsync($"/api/v1/contacts/{contact}/companies/{Guid.NewGuid()}", Json("""{"role":"CTO"}""")))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        noCompany.GetProperty("detail").GetString().ShouldBe("The company does not exist.");
        var noContact = await (await ws.Client.PutAsync($"/api/v1/contacts/{Guid.NewGuid()}/companies/{company}", Json("""{"role":"CTO"}""")))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        noContact.GetProperty("detail").GetString().ShouldBe("The contact does not exist.");
        // A company id is not a contact id, nor the reverse.
        await (await ws.Client.PutAsync($"/api/v1/contacts/{company}/companies/{contact}", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await ws.FingerprintAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Company_contacts_are_listed_page_by_page()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var company = (await ws.Client.CreateCompanyAsync("""{"name":"Acme"}""")).Id();
        var other = (await ws.Client.CreateCompanyAsync("""{"name":"Other"}""")).Id();
        var linked = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var id = (await ws.Client.CreateContactAsync(new { firstName = $"Linked{i}" })).Id();
            (await ws.Client.PutAsync($"/api/v1/contacts/{id}/companies/{company}", Json(new { primary = i % 2 == 0 }))).StatusCode.ShouldBe(HttpStatusCode.OK);
            linked.Add(id);
        }
        var elsewhere = (await ws.Client.CreateContactAsync("""{"firstName":"Elsewhere"}""")).Id();
        (await ws.Client.PutAsync($"/api/v1/contacts/{elsewhere}/companies/{other}", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await ws.Client.CreateContactAsync("""{"firstName":"Unlinked"}""");

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await ws.Client.GetPageAsync($"companies/{company}/contacts", limit: 2, cursor: cursor);
            page.Items.Count.ShouldBeLessThanOrEqualTo(2);
            seen.AddRange(page.Ids);
            cursor = page.NextCursor;
            (++pages).ShouldBeLessThanOrEqualTo(3);
        } while (cursor is not null);

        pages.ShouldBe(3);
        seen.ShouldBe(Enumerable.Reverse(linked).ToList(), "newest first, every linked contact once");

        // The company's contacts take the contact filter and sort.
        (await ws.Client.GetPageAsync($"companies/{company}/contacts", filter: """{"firstName":{"in":["Linked1","Linked3","Elsewhere"]}}""", sort: "firstName"))
            .Ids.ShouldBe([linked[1], linked[3]]);
        await (await ws.Client.GetAsync($"/api/v1/companies/{company}/contacts?limit=0")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "limit");
        await (await ws.Client.GetAsync($"/api/v1/companies/{Guid.NewGuid()}/contacts")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_deleted_company_disappears_from_the_contacts_companies()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var contact = (await ws.Client.CreateContactAsync("""{"firstName":"Ada"}""")).Id();
        var acme = (await ws.Client.CreateCompanyAsync("""{"name":"Acme"}""")).Id();
        var globex = (await ws.Client.CreateCompanyAsync("""{"name":"Globex"}""")).Id();
        (await ws.Client.PutAsync($"/api/v1/contacts/{contact}/companies/{acme}", Json("""{"role":"CTO"}"""))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ws.Client.PutAsync($"/api/v1/contacts/{contact}/companies/{globex}", Json("""{"role":"Advisor"}"""))).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await ws.Client.DeleteAsync($"/api/v1/companies/{acme}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        Links(await (await ws.Client.GetAsync($"/api/v1/contacts/{contact}")).BodyAsync()).ShouldBe($"{globex}:Advisor:False");
        Links((await ws.Client.GetPageAsync("contacts")).Items.Single()).ShouldBe($"{globex}:Advisor:False");
        await (await ws.Client.GetAsync($"/api/v1/companies/{acme}/contacts")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await ws.Client.PutAsync($"/api/v1/contacts/{contact}/companies/{acme}", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        (await ws.Client.PostAsync($"/api/v1/companies/{acme}/restore", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        Links(await (await ws.Client.GetAsync($"/api/v1/contacts/{contact}")).BodyAsync()).ShouldBe($"{acme}:CTO:False,{globex}:Advisor:False");
        (await ws.Client.GetPageAsync($"companies/{acme}/contacts")).Ids.ShouldBe([contact]);
    }

    [Fact]
    public async Task A_new_primary_can_be_chosen_after_the_primary_company_was_deleted()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var contact = (await ws.Client.CreateContactAsync("""{"firstName":"Ada"}""")).Id();
        var acme = (await ws.Client.CreateCompanyAsync("""{"name":"Acme","industry":"Rockets"}""")).Id();
        var globex = (await ws.Client.CreateCompanyAsync("""{"name":"Globex","industry":"Energy"}""")).Id();
        (await ws.Client.PutAsync($"/api/v1/contacts/{contact}/companies/{acme}", Json("""{"primary":true}"""))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ws.Client.DeleteAsync($"/api/v1/companies/{acme}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        // A deleted company is no longer the contact's company, in reads and in filters.
        (await ws.Client.IdsAsync("contacts", """{"company.industry":{"eq":"Rockets"}}""")).ShouldBeEmpty();

        var linked = await ws.Client.PutAsync($"/api/v1/contacts/{contact}/companies/{globex}", Json("""{"primary":true}"""));
        linked.StatusCode.ShouldBe(HttpStatusCode.OK, await linked.Content.ReadAsStringAsync());
        Links(await linked.BodyAsync()).ShouldBe($"{globex}::True");
        (await ws.Client.IdsAsync("contacts", """{"company.industry":{"eq":"Energy"}}""")).ShouldBe([contact]);

        // Restoring the old company brings its link back, no longer primary: still exactly one primary.
        (await ws.Client.PostAsync($"/api/v1/companies/{acme}/restore", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        Links(await (await ws.Client.GetAsync($"/api/v1/contacts/{contact}")).BodyAsync()).ShouldBe($"{globex}::True,{acme}::False");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ContactCompanyLinkSqliteTests(SqliteApiFixture fixture) : ContactCompanyLinkTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ContactCompanyLinkPostgresTests(PostgresApiFixture fixture) : ContactCompanyLinkTests(fixture);
