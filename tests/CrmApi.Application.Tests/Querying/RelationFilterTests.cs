using CrmApi.Application.Contacts;
using CrmApi.Application.Querying;
using CrmApi.Domain.Companies;
using CrmApi.Domain.Contacts;
using static CrmApi.Application.Tests.Querying.TestData;

namespace CrmApi.Application.Tests.Querying;

/// <summary><c>company.*</c> on contacts reaches the primary company only; a contact without one matches negations.</summary>
public class RelationFilterTests
{
    private static readonly Company Acme = NewCompany("Acme", "acme.com", "Software", 120, 2_000_000m, "EUR", ["partner"], "Paris");
    private static readonly Company Shop = NewCompany("Shop", "shop.io", "Retail", 8, 50_000m, "USD");
    private static readonly Company Ghost = NewCompany("Ghost");

    private static readonly List<Contact> People =
    [
        NewContact("Ann").WorksAt(Acme),
        NewContact("Bob").WorksAt(Shop),
        NewContact("Cleo"),
        // Linked to Acme, but Shop is where Dan works: only the primary company counts.
        NewContact("Dan").WorksAt(Acme, primary: false).WorksAt(Shop),
        NewContact("Eve").WorksAt(Ghost),
        // Linked but with no primary company at all.
        NewContact("Fay").WorksAt(Acme, primary: false),
    ];

    private static string[] Names(string filter) =>
        [.. People.Where(ContactFields.Catalog, filter).Select(c => c.FirstName!)];

    [Theory]
    [InlineData("""{"company.industry":{"eq":"Software"}}""", "Ann")]
    [InlineData("""{"company.industry":{"neq":"Software"}}""", "Bob,Cleo,Dan,Eve,Fay")]
    [InlineData("""{"not":{"company.industry":{"eq":"Software"}}}""", "Bob,Cleo,Dan,Eve,Fay")]
    [InlineData("""{"company.industry":{"in":["Software","Retail"]}}""", "Ann,Bob,Dan")]
    [InlineData("""{"company.industry":{"nin":["Software","Retail"]}}""", "Cleo,Eve,Fay")]
    [InlineData("""{"company.industry":{"isNull":true}}""", "Cleo,Eve,Fay")]
    [InlineData("""{"company.industry":{"isNull":false}}""", "Ann,Bob,Dan")]
    [InlineData("""{"company.domain":{"eq":"SHOP.IO"}}""", "Bob,Dan")]
    [InlineData("""{"company.domain":{"isNull":true}}""", "Cleo,Eve,Fay")]
    [InlineData("""{"company.name":{"isNull":true}}""", "Cleo,Fay")]
    [InlineData("""{"company.createdAt":{"isNull":false}}""", "Ann,Bob,Dan,Eve")]
    [InlineData("""{"company.employeeCount":{"gte":10}}""", "Ann")]
    [InlineData("""{"company.employeeCount":{"lt":10}}""", "Bob,Dan")]
    [InlineData("""{"company.annualRevenue":{"gt":100000}}""", "Ann")]
    [InlineData("""{"company.currency":{"eq":"usd"}}""", "Bob,Dan")]
    [InlineData("""{"company.address.city":{"startsWith":"par"}}""", "Ann")]
    [InlineData("""{"company.tags":{"contains":"PARTNER"}}""", "Ann")]
    [InlineData("""{"not":{"company.tags":{"contains":"partner"}}}""", "Bob,Cleo,Dan,Eve,Fay")]
    [InlineData("""{"company.industry":{"eq":"Retail"},"company.currency":{"eq":"USD"}}""", "Bob,Dan")]
    public void Compile_CompanyField_AppliesToThePrimaryCompany(string filter, string expected)
    {
        Names(filter).ShouldBe(expected.Split(','));
    }

    [Fact]
    public void Compile_RelationCondition_IsAnAnyOverTheNavigation()
    {
        var positive = Compiled("""{"company.industry":{"eq":"Software"}}""");
        var negative = Compiled("""{"company.industry":{"neq":"Software"}}""");

        positive.ShouldStartWith("e => e.Companies.Where(l => l.IsPrimary).Select(l => l.Company).Any(r => (r.Industry == ");
        negative.ShouldStartWith("e => Not(e.Companies.Where(l => l.IsPrimary).Select(l => l.Company).Any(r => (r.Industry == ");
    }

    private static string Compiled(string filter) =>
        FilterCompiler.Compile(ContactFields.Catalog, FilterParser.ParseText(ContactFields.Catalog, filter).Value, Clock).ToString();
}
