using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmApi.Api.Tests.Contacts;
using CrmApi.Api.Tests.Infrastructure;
using static CrmApi.Api.Tests.Contacts.RecordApi;

namespace CrmApi.Api.Tests.Lists;

/// <summary>Company lists: numeric and decimal comparisons, text filters, sorting with missing values and paging.</summary>
public abstract class CompanyListTests(ApiFixture fixture)
{
    private sealed record Companies(TestWorkspace Ws, Dictionary<string, string> Ids)
    {
        public async Task ShouldSelectAsync(string filter, params string[] names)
            => (await Ws.Client.IdsAsync("companies", filter)).ShouldBe(names.Select(n => Ids[n]), ignoreOrder: true, filter);
    }

    private async Task<Companies> SeedAsync()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var ids = new Dictionary<string, string>();
        foreach (var (name, body) in new[]
        {
            ("acme", """{"name":"Acme","domain":"acme.com","industry":"Rockets","employeeCount":500,"annualRevenue":1250000.5,"currency":"USD","tags":["partner"]}"""),
            ("globex", """{"name":"Globex","domain":"globex.io","industry":"Energy","employeeCount":50,"annualRevenue":99999.9999,"currency":"EUR"}"""),
            ("initech", """{"name":"Initech","industry":"Software","employeeCount":50,"annualRevenue":0,"currency":"USD","tags":["Prospect","partner"]}"""),
            ("umbrella", """{"name":"Umbrella","domain":"umbrella.example","employeeCount":0}"""),
            ("hooli", """{"name":"Hooli","domain":"hooli.com"}"""),
        })
        {
            ids[name] = (await ws.Client.CreateCompanyAsync(body)).Id();
        }
        return new Companies(ws, ids);
    }

    [Fact]
    public async Task Employee_count_and_annual_revenue_compare_as_numbers()
    {
        var c = await SeedAsync();
        await c.ShouldSelectAsync("""{"employeeCount":{"eq":50}}""", "globex", "initech");
        await c.ShouldSelectAsync("""{"employeeCount":{"gt":50}}""", "acme");
        await c.ShouldSelectAsync("""{"employeeCount":{"gte":50}}""", "acme", "globex", "initech");
        await c.ShouldSelectAsync("""{"employeeCount":{"lt":50}}""", "umbrella");
        await c.ShouldSelectAsync("""{"employeeCount":{"lte":0}}""", "umbrella");
        await c.ShouldSelectAsync("""{"employeeCount":{"in":[0,500]}}""", "acme", "umbrella");
        await c.ShouldSelectAsync("""{"employeeCount":{"nin":[50]}}""", "acme", "umbrella", "hooli");
        await c.ShouldSelectAsync("""{"employeeCount":{"isNull":true}}""", "hooli");
        await c.ShouldSelectAsync("""{"annualRevenue":{"gt":99999.9999}}""", "acme");
        await c.ShouldSelectAsync("""{"annualRevenue":{"gte":99999.9999}}""", "acme", "globex");
        await c.ShouldSelectAsync("""{"annualRevenue":{"lt":100000}}""", "globex", "initech");
        await c.ShouldSelectAsync("""{"annualRevenue":{"eq":1250000.50}}""", "acme");
        await c.ShouldSelectAsync("""{"annualRevenue":{"lte":0}}""", "initech");
        await c.ShouldSelectAsync("""{"annualRevenue":{"isNull":false},"currency":{"eq":"usd"}}""", "acme", "initech");
        await c.ShouldSelectAsync("""{"employeeCount":{"gt":1e3}}""");

        var ws = c.Ws;
        await (await ws.Client.GetAsync(ListUrl("companies", """{"employeeCount":{"gt":1.5}}"""))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "filter.employeeCount.gt");
        await (await ws.Client.GetAsync(ListUrl("companies", """{"employeeCount":{"gt":"10"}}"""))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "filter.employeeCount.gt");
        await (await ws.Client.GetAsync(ListUrl("companies", """{"employeeCount":{"gt":3000000000}}"""))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "filter.employeeCount.gt");
        await (await ws.Client.GetAsync(ListUrl("companies", """{"annualRevenue":{"contains":"1"}}"""))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "filter.annualRevenue.contains");
    }

    [Fact]
    public async Task Text_tag_and_nested_filters_on_companies()
    {
        var c = await SeedAsync();
        await c.ShouldSelectAsync("""{"domain":{"endsWith":".COM"}}""", "acme", "hooli");
        await c.ShouldSelectAsync("""{"domain":{"isNull":true}}""", "initech");
        await c.ShouldSelectAsync("""{"name":{"startsWith":"g"}}""", "globex");
        await c.ShouldSelectAsync("""{"industry":{"neq":"Energy"}}""", "acme", "initech", "umbrella", "hooli");
        await c.ShouldSelectAsync("""{"tags":{"contains":"PARTNER"}}""", "acme", "initech");
        await c.ShouldSelectAsync("""{"tags":{"contains":"prospect"}}""", "initech");
        await c.ShouldSelectAsync(
            """{"or":[{"and":[{"tags":{"contains":"partner"}},{"not":{"domain":{"isNull":true}}}]},{"employeeCount":{"lt":10}}]}""",
            "acme", "umbrella");
        await (await c.Ws.Client.GetAsync(ListUrl("companies", """{"lastName":{"eq":"x"}}"""))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "filter.lastName");
        await (await c.Ws.Client.GetAsync(ListUrl("companies", """{"name":{"isNull":true}}"""))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "filter.name.isNull");
    }

    [Fact]
    public async Task Sorting_on_numbers_puts_missing_values_last_and_pages_in_order()
    {
        var c = await SeedAsync();
        var ws = c.Ws;
        var ids = c.Ids;
        var tieDesc = CompareIds(ids["globex"], ids["initech"]) > 0 ? new[] { "globex", "initech" } : ["initech", "globex"];
        var tieAsc = Enumerable.Reverse(tieDesc).ToArray();

        string[] Expect(params string[] names) => [.. names.Select(n => ids[n])];
        (await ws.Client.IdsAsync("companies", null, "-employeeCount")).ShouldBe(Expect(["acme", .. tieDesc, "umbrella", "hooli"]));
        (await ws.Client.IdsAsync("companies", null, "employeeCount")).ShouldBe(Expect(["umbrella", .. tieAsc, "acme", "hooli"]));
        (await ws.Client.IdsAsync("companies", null, "employeeCount,-name")).ShouldBe(Expect("umbrella", "initech", "globex", "acme", "hooli"));
        (await ws.Client.IdsAsync("companies", null, "-annualRevenue,name")).ShouldBe(Expect("acme", "globex", "initech", "hooli", "umbrella"));
        (await ws.Client.IdsAsync("companies", null, "name")).ShouldBe(Expect("acme", "globex", "hooli", "initech", "umbrella"));
        (await ws.Client.IdsAsync("companies", null, "-domain")).ShouldBe(Expect("umbrella", "hooli", "globex", "acme", "initech"));

        (await ws.Client.ListAllAsync("companies", sort: "-employeeCount", limit: 1)).Select(r => r.Id())
            .ShouldBe(Expect(["acme", .. tieDesc, "umbrella", "hooli"]));
        (await ws.Client.ListAllAsync("companies", sort: "annualRevenue", limit: 2, search: true)).Select(r => r.Id())
            .ShouldBe(Expect(["initech", "globex", "acme", .. new[] { "umbrella", "hooli" }.OrderBy(n => ids[n], Comparer<string>.Create(CompareIds))]));
    }

    [Fact]
    public async Task Deleted_companies_leave_lists_and_return_on_restore()
    {
        var c = await SeedAsync();
        (await c.Ws.Client.DeleteAsync($"/api/v1/companies/{c.Ids["acme"]}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await c.ShouldSelectAsync("""{"tags":{"contains":"partner"}}""", "initech");
        await c.ShouldSelectAsync("{}", "globex", "initech", "umbrella", "hooli");
        (await c.Ws.Client.PostAsync($"/api/v1/companies/{c.Ids["acme"]}/restore", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await c.ShouldSelectAsync("""{"tags":{"contains":"partner"}}""", "acme", "initech");
    }

    // Stored decimals have at most 4 decimal places and stay below 10^14 on every provider; a literal outside that is
    // refused (400) rather than rounded into a different comparison.
    [Theory]
    [InlineData("""{"annualRevenue":{"eq":0.00001}}""")]
    [InlineData("""{"annualRevenue":{"gt":99999.99995}}""")]
    [InlineData("""{"annualRevenue":{"lt":1e20}}""")]
    [InlineData("""{"annualRevenue":{"gt":-1e20}}""")]
    public async Task Decimal_literals_no_stored_value_can_have_are_refused(string filter)
    {
        var c = await SeedAsync();
        var response = await c.Ws.Client.PostAsync("/api/v1/companies/search", Json($$"""{"filter":{{filter}}}"""));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors")[0].GetProperty("field").GetString()!.ShouldStartWith("filter.annualRevenue");
    }

    [Fact]
    public async Task Decimal_literals_at_the_stored_precision_compare_exactly()
    {
        var c = await SeedAsync();
        await c.ShouldSelectAsync("""{"annualRevenue":{"gt":99999.9999}}""", "acme");
        await c.ShouldSelectAsync("""{"annualRevenue":{"lt":99999999999999.9999}}""", "acme", "globex", "initech");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CompanyListSqliteTests(SqliteApiFixture fixture) : CompanyListTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class CompanyListPostgresTests(PostgresApiFixture fixture) : CompanyListTests(fixture);
