using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmApi.Api.Tests.Infrastructure;

namespace CrmApi.Api.Tests.BadInput;

/// <summary>Bodies a company create or merge patch must refuse, each with nothing written.</summary>
public abstract class CompanyBadInputTests(ApiFixture fixture)
{
    private const string Companies = "/api/v1/companies";

    [Fact]
    public async Task Malformed_json_is_400_malformed_json()
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var response = await ws.SendUnchangedAsync(HttpMethod.Post, Companies, """{"name": "Acme" "domain": "acme.com"}""");
        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "malformed-json");
    }

    [Theory]
    [InlineData("""{"name":"Acme","employeeCount":"12"}""", "employeeCount")]
    [InlineData("""{"name":"Acme","employeeCount":1.5}""", "employeeCount")]
    [InlineData("""{"name":"Acme","employeeCount":99999999999}""", "employeeCount")]
    [InlineData("""{"name":"Acme","annualRevenue":"1000","currency":"EUR"}""", "annualRevenue")]
    [InlineData("""{"name":"Acme","annualRevenue":1e400,"currency":"EUR"}""", "annualRevenue")]
    [InlineData("""{"name":42}""", "name")]
    [InlineData("""{"name":"Acme","address":{"country":7}}""", "address.country")]
    [InlineData("""{"name":"Acme","tags":{"a":1}}""", "tags")]
    public async Task Wrong_types_are_400_naming_the_field_path(string json, string field)
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var response = await ws.SendUnchangedAsync(HttpMethod.Post, Companies, json);
        (await response.ShouldBeValidationAsync(field))[0].Field.ShouldBe(field);
    }

    [Theory]
    [InlineData("""{"name":"Acme","foo":1}""", "foo")]
    [InlineData("""{"name":"Acme","address":{"foo":1}}""", "address.foo")]
    public async Task Unknown_properties_are_400_naming_them(string json, string field)
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var response = await ws.SendUnchangedAsync(HttpMethod.Post, Companies, json);
        await response.ShouldBeValidationAsync(field);
    }

    [Theory]
    [InlineData("{}", "name")]
    [InlineData("""{"name":null}""", "name")]
    [InlineData("""{"name":"   "}""", "name")]
    [InlineData("""{"domain":"acme.com"}""", "name")]
    public async Task A_company_without_a_name_is_400(string json, string field)
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var response = await ws.SendUnchangedAsync(HttpMethod.Post, Companies, json);
        (await response.ShouldBeValidationAsync(field))[0].Message.ShouldContain("required");
    }

    [Theory]
    [InlineData("""{"name":"Acme","annualRevenue":100,"currency":"ABC"}""", "currency")]
    [InlineData("""{"name":"Acme","annualRevenue":100}""", "currency")]
    [InlineData("""{"name":"Acme","domain":"not a domain"}""", "domain")]
    [InlineData("""{"name":"Acme","domain":"https://acme.com/about"}""", "domain")]
    [InlineData("""{"name":"Acme","domain":"localhost"}""", "domain")]
    [InlineData("""{"name":"Acme","address":{"country":"XX"}}""", "address.country")]
    [InlineData("""{"name":"Acme","annualRevenue":1.00001,"currency":"EUR"}""", "annualRevenue")]
    [InlineData("""{"name":"Acme","annualRevenue":-1,"currency":"EUR"}""", "annualRevenue")]
    [InlineData("""{"name":"Acme","annualRevenue":100000000000000,"currency":"EUR"}""", "annualRevenue")]
    [InlineData("""{"name":"Acme","employeeCount":-1}""", "employeeCount")]
    [InlineData("""{"name":"Acme","employeeCount":10000001}""", "employeeCount")]
    public async Task Invalid_values_are_400_naming_the_field(string json, string field)
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var response = await ws.SendUnchangedAsync(HttpMethod.Post, Companies, json);
        await response.ShouldBeValidationAsync(field);
    }

    [Fact]
    public async Task A_name_longer_than_200_characters_is_400()
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var response = await ws.SendUnchangedAsync(HttpMethod.Post, Companies, $$"""{"name":"{{new string('n', 201)}}"}""");
        (await response.ShouldBeValidationAsync("name"))[0].Message.ShouldContain("200");
    }

    [Fact]
    public async Task Four_decimal_places_of_revenue_are_kept_exactly()
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var response = await ws.Client.PostAsync(Companies,
            ProblemAssertions.Json("""{"name":"Acme","annualRevenue":99999999999999.9999,"currency":"eur"}"""));
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("annualRevenue").GetDecimal().ShouldBe(99999999999999.9999m);
        body.GetProperty("currency").GetString().ShouldBe("EUR");
    }

    [Theory]
    [InlineData("""{"name":"Acme","id":"0198c3f0-0000-7000-8000-000000000000"}""", "id")]
    [InlineData("""{"name":"Acme","workspaceId":"0198c3f0-0000-7000-8000-000000000000"}""", "workspaceId")]
    [InlineData("""{"name":"Acme","version":2}""", "version")]
    [InlineData("""{"name":"Acme","createdAt":"2020-01-01T00:00:00Z"}""", "createdAt")]
    public async Task Read_only_properties_are_400_naming_them(string json, string field)
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var response = await ws.SendUnchangedAsync(HttpMethod.Post, Companies, json);
        (await response.ShouldBeValidationAsync(field))[0].Message.ShouldContain("read-only");
    }

    [Fact]
    public async Task A_body_over_1_MiB_is_413()
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var response = await ws.SendUnchangedAsync(HttpMethod.Post, Companies,
            $$"""{"name":"Acme","industry":"{{new string('i', 1024 * 1024)}}"}""");
        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
    }

    [Fact]
    public async Task A_json_array_body_is_400()
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var response = await ws.SendUnchangedAsync(HttpMethod.Post, Companies, """[{"name":"Acme"}]""");
        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
    }

    [Fact]
    public async Task Invalid_patches_leave_the_company_unchanged()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var id = await ws.CreateAsync(Companies, """{"name":"Acme","domain":"acme.com","annualRevenue":10,"currency":"EUR"}""");
        var url = $"{Companies}/{id}";

        using var removeName = await ws.SendUnchangedAsync(HttpMethod.Patch, url, """{"name":null}""", "application/merge-patch+json");
        await removeName.ShouldBeValidationAsync("name");
        using var removeCurrency = await ws.SendUnchangedAsync(HttpMethod.Patch, url, """{"currency":null}""", "application/merge-patch+json");
        await removeCurrency.ShouldBeValidationAsync("currency");
        using var wrongType = await ws.SendUnchangedAsync(HttpMethod.Patch, url, """{"employeeCount":"12"}""");
        await wrongType.ShouldBeValidationAsync("employeeCount");
        using var readOnly = await ws.SendUnchangedAsync(HttpMethod.Patch, url, """{"version":5,"name":"Other"}""");
        await readOnly.ShouldBeValidationAsync("version");
        using var unknown = await ws.SendUnchangedAsync(HttpMethod.Patch, url, """{"address":{"foo":"x"}}""");
        await unknown.ShouldBeValidationAsync("address.foo");
        using var malformed = await ws.SendUnchangedAsync(HttpMethod.Patch, url, """{"name":""", "application/merge-patch+json");
        await malformed.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "malformed-json");

        var current = await ws.Client.GetFromJsonAsync<JsonElement>(url);
        current.GetProperty("version").GetInt64().ShouldBe(1);
        current.GetProperty("name").GetString().ShouldBe("Acme");
    }

    [Fact]
    public async Task Nul_characters_in_a_company_are_400()
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var response = await ws.SendUnchangedAsync(HttpMethod.Post, Companies, """{"name":"Ac\u0000me"}""");
        await response.ShouldBeValidationAsync("name");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CompanyBadInputSqliteTests(SqliteApiFixture fixture) : CompanyBadInputTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class CompanyBadInputPostgresTests(PostgresApiFixture fixture) : CompanyBadInputTests(fixture);
