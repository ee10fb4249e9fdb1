using System.Net;
using CrmApi.Api.Tests.Infrastructure;
using static CrmApi.Api.Tests.Contacts.RecordApi;

namespace CrmApi.Api.Tests.Contacts;

public abstract class ContactExternalIdTests(ApiFixture fixture)
{
    [Fact]
    public async Task Get_by_external_id_finds_the_contact()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var ada = await ws.Client.CreateContactAsync("""{"firstName":"Ada","externalIds":{"shopify":"8812","erp":"E-1"}}""");
        await ws.Client.CreateContactAsync("""{"firstName":"Grace","externalIds":{"shopify":"8813"}}""");

        var found = await ws.Client.GetAsync("/api/v1/contacts/by-external-id/shopify/8812");
        found.StatusCode.ShouldBe(HttpStatusCode.OK);
        found.ETag().ShouldBe("\"1\"");
        (await found.BodyAsync()).Id().ShouldBe(ada.Id());
        (await (await ws.Client.GetAsync("/api/v1/contacts/by-external-id/erp/E-1")).BodyAsync()).Id().ShouldBe(ada.Id());

        var unknownValue = await (await ws.Client.GetAsync("/api/v1/contacts/by-external-id/shopify/9999")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var unknownSystem = await (await ws.Client.GetAsync("/api/v1/contacts/by-external-id/hubspot/8812")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var wrongPair = await (await ws.Client.GetAsync("/api/v1/contacts/by-external-id/erp/8812")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        ProblemShape(unknownSystem).ShouldBe(ProblemShape(unknownValue));
        ProblemShape(wrongPair).ShouldBe(ProblemShape(unknownValue));
    }

    [Fact]
    public async Task External_ids_with_slashes_are_found_plain_or_encoded()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var ada = await ws.Client.CreateContactAsync("""{"firstName":"Ada","externalIds":{"erp":"INV/2026/001"}}""");
        (await (await ws.Client.GetAsync("/api/v1/contacts/by-external-id/erp/INV/2026/001")).BodyAsync()).Id().ShouldBe(ada.Id());
        (await (await ws.Client.GetAsync("/api/v1/contacts/by-external-id/erp/INV%2F2026%2F001")).BodyAsync()).Id().ShouldBe(ada.Id());
        await (await ws.Client.GetAsync("/api/v1/contacts/by-external-id/erp/INV/2026")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_second_contact_with_the_same_external_id_is_a_conflict()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var ada = await ws.Client.CreateContactAsync("""{"firstName":"Ada","externalIds":{"shopify":"8812"}}""");
        var before = await ws.FingerprintAsync();

        var duplicate = await ws.Client.PostAsync("/api/v1/contacts", Json("""{"firstName":"Eve","externalIds":{"erp":"E-9","shopify":" 8812 "}}"""));
        var problem = await duplicate.ShouldBeProblemAsync(HttpStatusCode.Conflict, "externalIds.shopify");
        problem.GetProperty("type").GetString().ShouldBe("urn:crmapi:problem:conflict");
        (await ws.FingerprintAsync()).ShouldBe(before);
        (await ws.Client.IdsAsync("contacts", null)).ShouldBe([ada.Id()]);
    }

    [Fact]
    public async Task Patching_in_a_taken_external_id_is_a_conflict_and_changes_nothing()
    {
        var ws = await fixture.NewWorkspaceAsync();
        await ws.Client.CreateContactAsync("""{"firstName":"Ada","externalIds":{"shopify":"8812"}}""");
        var grace = await ws.Client.CreateContactAsync("""{"firstName":"Grace","externalIds":{"shopify":"1"}}""");
        var before = await ws.FingerprintAsync();

        var patched = await ws.Client.PatchAsync($"/api/v1/contacts/{grace.Id()}", """{"lastName":"Hopper","externalIds":{"shopify":"8812"}}""");
        await patched.ShouldBeProblemAsync(HttpStatusCode.Conflict, "externalIds.shopify");
        (await ws.FingerprintAsync()).ShouldBe(before);
        var got = await (await ws.Client.GetAsync($"/api/v1/contacts/{grace.Id()}")).BodyAsync();
        got.Version().ShouldBe(1);
        got.GetProperty("externalIds").GetProperty("shopify").GetString().ShouldBe("1");
    }

    [Fact]
    public async Task The_same_value_in_another_system_or_on_a_company_is_fine()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var ada = await ws.Client.CreateContactAsync("""{"firstName":"Ada","externalIds":{"shopify":"8812"}}""");
        var grace = await ws.Client.CreateContactAsync("""{"firstName":"Grace","externalIds":{"erp":"8812"}}""");
        var company = await ws.Client.CreateCompanyAsync("""{"name":"Acme","externalIds":{"shopify":"8812"}}""");

        (await (await ws.Client.GetAsync("/api/v1/contacts/by-external-id/shopify/8812")).BodyAsync()).Id().ShouldBe(ada.Id());
        (await (await ws.Client.GetAsync("/api/v1/contacts/by-external-id/erp/8812")).BodyAsync()).Id().ShouldBe(grace.Id());
        (await (await ws.Client.GetAsync("/api/v1/companies/by-external-id/shopify/8812")).BodyAsync()).Id().ShouldBe(company.Id());
        await (await ws.Client.GetAsync("/api/v1/companies/by-external-id/erp/8812")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_deleted_contact_still_holds_its_external_id()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var ada = await ws.Client.CreateContactAsync("""{"firstName":"Ada","externalIds":{"shopify":"8812"}}""");
        (await ws.Client.DeleteAsync($"/api/v1/contacts/{ada.Id()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await ws.Client.GetAsync("/api/v1/contacts/by-external-id/shopify/8812")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        var before = await ws.FingerprintAsync();
        await (await ws.Client.PostAsync("/api/v1/contacts", Json("""{"firstName":"Eve","externalIds":{"shopify":"8812"}}""")))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "externalIds.shopify");
        (await ws.FingerprintAsync()).ShouldBe(before);

        // So a restore never conflicts.
        (await ws.Client.PostAsync($"/api/v1/contacts/{ada.Id()}/restore", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await ws.Client.GetAsync("/api/v1/contacts/by-external-id/shopify/8812")).BodyAsync()).Id().ShouldBe(ada.Id());
    }

    [Fact]
    public async Task Changing_or_removing_an_external_id_frees_the_old_value()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var ada = await ws.Client.CreateContactAsync("""{"firstName":"Ada","externalIds":{"shopify":"1","erp":"E-1"}}""");

        var patched = await ws.Client.PatchAsync($"/api/v1/contacts/{ada.Id()}", """{"externalIds":{"shopify":"2","erp":null}}""");
        patched.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await patched.BodyAsync()).GetProperty("externalIds").EnumerateObject().Select(p => $"{p.Name}={p.Value.GetString()}")
            .ShouldBe(["shopify=2"]);

        var eve = await ws.Client.CreateContactAsync("""{"firstName":"Eve","externalIds":{"shopify":"1","erp":"E-1"}}""");
        (await (await ws.Client.GetAsync("/api/v1/contacts/by-external-id/shopify/1")).BodyAsync()).Id().ShouldBe(eve.Id());
        (await (await ws.Client.GetAsync("/api/v1/contacts/by-external-id/shopify/2")).BodyAsync()).Id().ShouldBe(ada.Id());
        (await (await ws.Client.GetAsync("/api/v1/contacts/by-external-id/erp/E-1")).BodyAsync()).Id().ShouldBe(eve.Id());
    }

    [Fact]
    public async Task Invalid_external_ids_are_rejected_with_their_field()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var before = await ws.FingerprintAsync();
        await (await ws.Client.PostAsync("/api/v1/contacts", Json("""{"externalIds":{"Shop Ify":"1"}}""")))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "externalIds.Shop Ify");
        await (await ws.Client.PostAsync("/api/v1/contacts", Json("""{"externalIds":{"shopify":"  "}}""")))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "externalIds.shopify");
        await (await ws.Client.PostAsync("/api/v1/contacts", Json("""{"externalIds":{"shopify":8812}}""")))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "externalIds.shopify");
        (await ws.FingerprintAsync()).ShouldBe(before);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ContactExternalIdSqliteTests(SqliteApiFixture fixture) : ContactExternalIdTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ContactExternalIdPostgresTests(PostgresApiFixture fixture) : ContactExternalIdTests(fixture);
