using System.Linq.Expressions;
using CrmApi.Application.Companies;
using CrmApi.Application.Contacts;
using CrmApi.Application.Querying;
using CrmApi.Domain.Companies;
using CrmApi.Domain.Contacts;
using static CrmApi.Application.Tests.Querying.TestData;

namespace CrmApi.Application.Tests.Querying;

public class FilterCompilerTests
{
    private static readonly DateTimeOffset Jan1 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // First names identify the rows; each row differs from the others in the fields the tests probe.
    private static readonly List<Contact> People =
    [
        NewContact("Ann", "Smith", "ann@acme.com", "+331", "CEO", LifecycleStage.Customer, "Paris", "FR", ["vip", "board"], Jan1),
        NewContact("Bob", "Jones", "bob@shop.io", null, "Sales Manager", LifecycleStage.Lead, "Berlin", "DE", ["vip"], Jan1.AddDays(1)),
        NewContact("Cleo", null, "cleo@acme.com", "+332", null, null, null, null, [], Jan1.AddDays(2)),
        NewContact("Dan", "smith", null, null, "cto", LifecycleStage.MarketingQualified, "paris", "FR", ["newsletter"], Jan1.AddDays(3)),
        NewContact("Eve", "Zed", "eve@zed.org", null, "Head of Sales", LifecycleStage.Lead, "Lyon", "FR", [], Jan1.AddDays(3)),
    ];

    private static readonly List<Company> Firms =
    [
        NewCompany("Acme", "acme.com", "Software", 120, 1_500_000.50m, "EUR", ["partner"], createdAt: Jan1),
        NewCompany("Shop", "shop.io", "Retail", 8, 90_000m, "USD", createdAt: Jan1.AddDays(1)),
        NewCompany("Ghost", null, null, null, null, null, createdAt: Jan1.AddDays(2)),
    ];

    private static string[] Names(string filter) =>
        [.. People.Where(ContactFields.Catalog, filter).Select(c => c.FirstName!)];

    private static string[] CompanyNames(string filter) =>
        [.. Firms.Where(CompanyFields.Catalog, filter).Select(c => c.Name)];

    [Theory]
    [InlineData("""{"lastName":{"eq":"Smith"}}""", "Ann")]
    [InlineData("""{"lastName":{"neq":"Smith"}}""", "Bob,Cleo,Dan,Eve")]
    [InlineData("""{"lastName":{"lt":"Smith"}}""", "Bob")]
    [InlineData("""{"lastName":{"lte":"Smith"}}""", "Ann,Bob")]
    [InlineData("""{"lastName":{"gt":"Smith"}}""", "Dan,Eve")]
    [InlineData("""{"lastName":{"gte":"Smith"}}""", "Ann,Dan,Eve")]
    [InlineData("""{"lastName":{"in":["Smith","Zed"]}}""", "Ann,Eve")]
    [InlineData("""{"lastName":{"nin":["Smith","Zed"]}}""", "Bob,Cleo,Dan")]
    [InlineData("""{"lastName":{"isNull":true}}""", "Cleo")]
    [InlineData("""{"lastName":{"isNull":false}}""", "Ann,Bob,Dan,Eve")]
    public void Compile_StringComparison_FollowsOrdinalOrderAndCSharpNullSemantics(string filter, string expected)
    {
        // Ordinal: upper case sorts before lower case, so "smith" > "Smith" > "Jones"; a null never compares.
        Names(filter).ShouldBe(expected.Split(','));
    }

    [Theory]
    [InlineData("""{"jobTitle":{"contains":"SALES"}}""", "Bob,Eve")]
    [InlineData("""{"jobTitle":{"startsWith":"head"}}""", "Eve")]
    [InlineData("""{"jobTitle":{"endsWith":"TO"}}""", "Dan")]
    [InlineData("""{"email":{"contains":"@ACME."}}""", "Ann,Cleo")]
    [InlineData("""{"not":{"jobTitle":{"contains":"sales"}}}""", "Ann,Cleo,Dan")]
    public void Compile_TextMatch_IsCaseInsensitiveAndSkipsNulls(string filter, string expected)
    {
        Names(filter).ShouldBe(expected.Split(','));
    }

    [Theory]
    [InlineData("""{"email":{"eq":"ANN@ACME.COM"}}""", "Ann")]
    [InlineData("""{"address.country":{"in":["de"]}}""", "Bob")]
    [InlineData("""{"address.city":{"eq":"Paris"}}""", "Ann")]
    [InlineData("""{"address.city":{"eq":"paris"}}""", "Dan")]
    [InlineData("""{"address.city":{"isNull":true}}""", "Cleo")]
    public void Compile_Eq_IsExactAfterTheFieldsNormaliser(string filter, string expected)
    {
        Names(filter).ShouldBe(expected.Split(','));
    }

    [Theory]
    [InlineData("""{"lifecycleStage":{"eq":"lead"}}""", "Bob,Eve")]
    [InlineData("""{"lifecycleStage":{"neq":"lead"}}""", "Ann,Cleo,Dan")]
    [InlineData("""{"lifecycleStage":{"in":["customer","marketingQualified"]}}""", "Ann,Dan")]
    [InlineData("""{"lifecycleStage":{"nin":["customer","marketingQualified"]}}""", "Bob,Cleo,Eve")]
    [InlineData("""{"lifecycleStage":{"isNull":true}}""", "Cleo")]
    public void Compile_Enum_ComparesMembers(string filter, string expected)
    {
        Names(filter).ShouldBe(expected.Split(','));
    }

    [Theory]
    [InlineData("""{"tags":{"contains":"VIP"}}""", "Ann,Bob")]
    [InlineData("""{"not":{"tags":{"contains":"vip"}}}""", "Cleo,Dan,Eve")]
    [InlineData("""{"tags":{"contains":"vi"}}""", "")]
    public void Compile_StringSetContains_IsWholeTagMembership(string filter, string expected)
    {
        Names(filter).ShouldBe(expected.Split(',', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("""{"createdAt":{"eq":"2025-01-02T00:00:00Z"}}""", "Bob")]
    [InlineData("""{"createdAt":{"neq":"2025-01-02T00:00:00Z"}}""", "Ann,Cleo,Dan,Eve")]
    [InlineData("""{"createdAt":{"lt":"2025-01-02T00:00:00Z"}}""", "Ann")]
    [InlineData("""{"createdAt":{"lte":"2025-01-02T01:00:00+01:00"}}""", "Ann,Bob")]
    [InlineData("""{"createdAt":{"gt":"2025-01-03T00:00:00Z"}}""", "Dan,Eve")]
    [InlineData("""{"createdAt":{"gte":"2025-01-03T00:00:00Z","lt":"2025-01-04T00:00:00Z"}}""", "Cleo")]
    [InlineData("""{"createdAt":{"in":["2025-01-01T00:00:00Z","2025-01-04T00:00:00Z"]}}""", "Ann,Dan,Eve")]
    [InlineData("""{"createdAt":{"nin":["2025-01-01T00:00:00Z","2025-01-04T00:00:00Z"]}}""", "Bob,Cleo")]
    public void Compile_DateTime_ComparesInstants(string filter, string expected)
    {
        Names(filter).ShouldBe(expected.Split(','));
    }

    [Fact]
    public void Compile_Uuid_EqNeqInNin()
    {
        var (ann, bob) = (People[0].Id, People[1].Id);

        Names($$$"""{"id":{"eq":"{{{ann}}}"}}""").ShouldBe(["Ann"]);
        Names($$$"""{"id":{"neq":"{{{ann}}}"}}""").ShouldBe(["Bob", "Cleo", "Dan", "Eve"]);
        Names($$$"""{"id":{"in":["{{{ann}}}","{{{bob}}}"]}}""").ShouldBe(["Ann", "Bob"]);
        Names($$$"""{"id":{"nin":["{{{ann}}}","{{{bob}}}"]}}""").ShouldBe(["Cleo", "Dan", "Eve"]);
    }

    [Theory]
    [InlineData("""{"employeeCount":{"eq":8}}""", "Shop")]
    [InlineData("""{"employeeCount":{"neq":8}}""", "Acme,Ghost")]
    [InlineData("""{"employeeCount":{"lt":120}}""", "Shop")]
    [InlineData("""{"employeeCount":{"lte":120}}""", "Acme,Shop")]
    [InlineData("""{"employeeCount":{"gt":8}}""", "Acme")]
    [InlineData("""{"employeeCount":{"gte":8}}""", "Acme,Shop")]
    [InlineData("""{"employeeCount":{"in":[8,9]}}""", "Shop")]
    [InlineData("""{"employeeCount":{"nin":[8,9]}}""", "Acme,Ghost")]
    [InlineData("""{"employeeCount":{"isNull":true}}""", "Ghost")]
    [InlineData("""{"annualRevenue":{"gt":1500000.5}}""", "")]
    [InlineData("""{"annualRevenue":{"gte":1500000.5}}""", "Acme")]
    [InlineData("""{"annualRevenue":{"lt":1500000.5}}""", "Shop")]
    [InlineData("""{"annualRevenue":{"in":[90000]}}""", "Shop")]
    [InlineData("""{"annualRevenue":{"isNull":false}}""", "Acme,Shop")]
    [InlineData("""{"currency":{"eq":"usd"}}""", "Shop")]
    [InlineData("""{"domain":{"endsWith":".COM"}}""", "Acme")]
    [InlineData("""{"name":{"gte":"Ghost"}}""", "Shop,Ghost")]
    public void Compile_CompanyNumbersAndStrings(string filter, string expected)
    {
        CompanyNames(filter).ShouldBe(expected.Split(',', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("""{"or":[{"firstName":{"eq":"Ann"}},{"lastName":{"eq":"Zed"}}]}""", "Ann,Eve")]
    [InlineData("""{"and":[{"address.country":{"eq":"FR"}},{"not":{"lastName":{"eq":"Zed"}}}]}""", "Ann,Dan")]
    [InlineData("""{"not":{"or":[{"tags":{"contains":"vip"}},{"lastName":{"isNull":true}}]}}""", "Dan,Eve")]
    [InlineData("""{"address.country":{"eq":"FR"},"lifecycleStage":{"eq":"lead"}}""", "Eve")]
    public void Compile_AndOrNot_Combine(string filter, string expected)
    {
        Names(filter).ShouldBe(expected.Split(','));
    }

    [Fact]
    public void Compile_NullFilter_MatchesEverything()
    {
        var predicate = FilterCompiler.Compile(ContactFields.Catalog, null, Clock).Compile();

        People.Count(predicate).ShouldBe(People.Count);
    }

    [Fact]
    public void Compile_Literal_IsReadThroughAMemberSoEfCoreParameterisesIt()
    {
        var filter = FilterParser.ParseText(ContactFields.Catalog, """{"lastName":{"eq":"Smith"}}""").Value;

        var body = FilterCompiler.Compile(ContactFields.Catalog, filter, Clock).Body.ShouldBeAssignableTo<BinaryExpression>()!;

        body.Right.ShouldBeAssignableTo<MemberExpression>()!.Expression.ShouldBeOfType<ConstantExpression>();
        body.ToString().ShouldNotContain("\"Smith\"");
    }

    [Fact]
    public void Compile_FieldMissingFromTheCatalog_Throws()
    {
        var node = new ConditionNode("nickname", FilterOperator.Eq, ["x"]);

        Should.Throw<ArgumentException>(() => FilterCompiler.Compile(ContactFields.Catalog, node, Clock)).Message.ShouldContain("nickname");
    }
}
