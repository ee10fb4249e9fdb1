using System.Linq.Expressions;
using CrmApi.Application.Contacts;
using CrmApi.Application.Querying;
using CrmApi.Domain.Companies;
using CrmApi.Domain.Contacts;
using Microsoft.Extensions.Time.Testing;
using static CrmApi.Application.Tests.Querying.TestData;

namespace CrmApi.Application.Tests.Querying;

/// <summary><c>withinLast</c> and <c>olderThan</c>: parsing, their meaning against a fake clock, and "now" read at each run.</summary>
public class RelativeTimeFilterTests
{
    // First names say how long before Now each contact was created; Future is created after it.
    private static readonly List<Contact> People =
    [
        NewContact("Day", createdAt: Now.AddDays(-1)),
        NewContact("Ten", createdAt: Now.AddDays(-10)),
        NewContact("Forty", createdAt: Now.AddDays(-40)),
        NewContact("Year", createdAt: Now.AddDays(-400)),
        NewContact("Future", createdAt: Now.AddDays(1)),
        // Exactly one calendar month before Now (2025-02-01T12:00Z), and one second earlier.
        NewContact("Month", createdAt: new DateTimeOffset(2025, 2, 1, 12, 0, 0, TimeSpan.Zero)),
        NewContact("MonthAndASecond", createdAt: new DateTimeOffset(2025, 2, 1, 11, 59, 59, TimeSpan.Zero)),
    ];

    private static string[] Names(string filter, TimeProvider? clock = null) =>
        [.. People.Where(ContactFields.Catalog, filter, clock).Select(c => c.FirstName!)];

    [Theory]
    [InlineData("""{"createdAt":{"withinLast":"P30D"}}""", "Day,Ten,Month,MonthAndASecond")]
    [InlineData("""{"createdAt":{"olderThan":"P30D"}}""", "Forty,Year")]
    [InlineData("""{"createdAt":{"withinLast":"PT36H"}}""", "Day")]
    [InlineData("""{"createdAt":{"withinLast":"P1W"}}""", "Day")]
    [InlineData("""{"createdAt":{"withinLast":"P1M"}}""", "Day,Ten,Month")]
    [InlineData("""{"createdAt":{"olderThan":"P1M"}}""", "Forty,Year,MonthAndASecond")]
    [InlineData("""{"createdAt":{"withinLast":"P1Y"}}""", "Day,Ten,Forty,Month,MonthAndASecond")]
    [InlineData("""{"createdAt":{"olderThan":"P1Y"}}""", "Year")]
    [InlineData("""{"createdAt":{"withinLast":"P1Y","olderThan":"P7D"}}""", "Ten,Forty,Month,MonthAndASecond")]
    [InlineData("""{"not":{"createdAt":{"withinLast":"P30D"}}}""", "Forty,Year,Future")]
    public void Compile_RelativeTime_MeasuresBackFromTheClock(string filter, string expected)
    {
        // withinLast stops at now: Future is in no window; olderThan is strictly before the bound.
        Names(filter).ShouldBe(expected.Split(','));
    }

    [Fact]
    public void Compile_CompiledOnce_ReadsTheClockAtEachRun()
    {
        var clock = new FakeTimeProvider(Now);
        var filter = FilterParser.ParseText(ContactFields.Catalog, """{"createdAt":{"withinLast":"P30D"}}""").Value;
        var predicate = FilterCompiler.Compile(ContactFields.Catalog, filter, clock).Compile();

        People.Where(predicate).Select(c => c.FirstName).ShouldBe(["Day", "Ten", "Month", "MonthAndASecond"]);
        clock.Advance(TimeSpan.FromDays(25));
        People.Where(predicate).Select(c => c.FirstName).ShouldBe(["Day", "Future"]);
        clock.Advance(TimeSpan.FromDays(400));
        People.Where(predicate).ShouldBeEmpty();
    }

    [Fact]
    public void Compile_Bounds_AreMembersOfAConstant_SoEfCoreParameterisesThem()
    {
        var filter = FilterParser.ParseText(ContactFields.Catalog, """{"createdAt":{"olderThan":"P30D"}}""").Value;

        var body = FilterCompiler.Compile(ContactFields.Catalog, filter, Clock).Body.ShouldBeAssignableTo<BinaryExpression>()!;

        body.NodeType.ShouldBe(ExpressionType.LessThan);
        body.Right.ShouldBeAssignableTo<MemberExpression>()!.Expression.ShouldBeOfType<ConstantExpression>();
        body.ToString().ShouldNotContain("2025");
    }

    [Theory]
    [InlineData("""{"company.createdAt":{"withinLast":"P30D"}}""", "Fresh")]
    [InlineData("""{"company.createdAt":{"olderThan":"P30D"}}""", "Old")]
    public void Compile_RelativeTimeThroughARelation_TestsTheRelatedRecord(string filter, string expected)
    {
        List<Contact> people =
        [
            NewContact("Fresh").WorksAt(NewCompany("New Co", createdAt: Now.AddDays(-3))),
            NewContact("Old").WorksAt(NewCompany("Old Co", createdAt: Now.AddDays(-300))),
            NewContact("Loner"),
        ];

        people.Where(ContactFields.Catalog, filter).Select(c => c.FirstName).ShouldBe([expected]);
    }

    [Theory]
    [InlineData("""{"day":{"withinLast":"P1D"}}""", "Today,Yesterday")]
    [InlineData("""{"day":{"withinLast":"P7D"}}""", "Today,Yesterday,WeekAgo")]
    [InlineData("""{"day":{"olderThan":"P7D"}}""", "LongAgo")]
    [InlineData("""{"day":{"olderThan":"P1D"}}""", "WeekAgo,LongAgo")]
    [InlineData("""{"day":{"withinLast":"PT1H"}}""", "Today")]
    public void Compile_DateField_CountsWholeDaysInUtc(string filter, string expected)
    {
        // Now is 2025-03-01T12:00Z: P1D reaches back to 28 February, which counts in full, and never past today.
        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        List<Dated> rows =
        [
            new("Today", today), new("Yesterday", today.AddDays(-1)), new("WeekAgo", today.AddDays(-7)),
            new("LongAgo", today.AddDays(-8)), new("Tomorrow", today.AddDays(1)), new("Undated", null),
        ];

        rows.Where(Dated.Catalog, filter).Select(r => r.Name).ShouldBe(expected.Split(','));
    }

    [Theory]
    [InlineData("""{"createdAt":{"withinLast":90}}""", "filter.createdAt.withinLast", "expects an ISO 8601 duration such as \"P90D\"")]
    [InlineData("""{"createdAt":{"withinLast":null}}""", "filter.createdAt.withinLast", "got null")]
    [InlineData("""{"createdAt":{"withinLast":"-P30D"}}""", "filter.createdAt.withinLast", "is negative")]
    [InlineData("""{"createdAt":{"olderThan":"P0D"}}""", "filter.createdAt.olderThan", "is zero")]
    [InlineData("""{"createdAt":{"olderThan":"P200Y"}}""", "filter.createdAt.olderThan", "longer than 100 years")]
    [InlineData("""{"createdAt":{"withinLast":"90 days"}}""", "filter.createdAt.withinLast", "not an ISO 8601 duration")]
    [InlineData("""{"updatedAt":{"withinLast":"P1,5D"}}""", "filter.updatedAt.withinLast", "such as \"P90D\"")]
    [InlineData("""{"and":[{"lastName":{"eq":"A"}},{"createdAt":{"olderThan":"P"}}]}""", "filter.and[1].createdAt.olderThan", "not an ISO 8601 duration")]
    [InlineData("""{"company.createdAt":{"withinLast":"PT"}}""", "filter.company.createdAt.withinLast", "not an ISO 8601 duration")]
    [InlineData("""{"lastName":{"withinLast":"P1D"}}""", "filter.lastName.withinLast", "is not allowed")]
    [InlineData("""{"tags":{"olderThan":"P1D"}}""", "filter.tags.olderThan", "is not allowed")]
    public void Parse_BadRelativeTime_IsRejectedAtItsPath(string json, string path, string message)
    {
        var error = FilterParser.ParseText(ContactFields.Catalog, json).SingleError();

        error.Field.ShouldBe(path);
        error.Message.ShouldContain(message);
    }

    [Fact]
    public void ToJson_WritesTheCanonicalDuration_AndRoundTrips()
    {
        var node = FilterParser.ParseText(ContactFields.Catalog, """{"createdAt":{"withinLast":"P0Y18M","olderThan":"PT24H"}}""").Value!;

        node.ToJson().ShouldBe("""{"and":[{"createdAt":{"withinLast":"P18M"}},{"createdAt":{"olderThan":"PT24H"}}]}""");
        FilterParser.ParseText(ContactFields.Catalog, node.ToJson()).Value!.ToJson().ShouldBe(node.ToJson());
        ((ConditionNode)((AndNode)node).Children[0]).Values[0].ShouldBe(new RelativeDuration(0, 18, 0, 0, 0, 0, 0));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("""{"createdAt":{"gte":"2025-01-01T00:00:00Z"}}""", false)]
    [InlineData("""{"createdAt":{"withinLast":"P1D"}}""", true)]
    [InlineData("""{"lastName":{"eq":"A"},"updatedAt":{"olderThan":"P1D"}}""", true)]
    [InlineData("""{"or":[{"lastName":{"eq":"A"}},{"not":{"company.createdAt":{"withinLast":"P1D"}}}]}""", true)]
    [InlineData("""{"or":[{"lastName":{"eq":"A"}},{"not":{"company.createdAt":{"lt":"2025-01-01T00:00:00Z"}}}]}""", false)]
    [InlineData("""{"activity":{"type":"call"}}""", false)]
    [InlineData("""{"activity":{"type":"call","occurredAt":{"gte":"2025-01-01T00:00:00Z"}}}""", false)]
    [InlineData("""{"not":{"activity":{"type":"call","occurredAt":{"withinLast":"P30D"}}}}""", true)]
    public void IsTimeDependent_FindsRelativeTimesAnywhereInTheTree(string? filter, bool expected)
    {
        var parsed = FilterParser.ParseText(ContactFields.Catalog, filter);
        parsed.Errors.ShouldBeEmpty();

        FilterFacts.IsTimeDependent(parsed.Value).ShouldBe(expected);
    }

    /// <summary>A row with a calendar date, which contacts lack, to exercise date fields.</summary>
    private sealed record Dated(string Name, DateOnly? Day)
    {
        public Guid Id { get; } = Guid.CreateVersion7();

        public static readonly ObjectCatalog<Dated> Catalog = new ObjectCatalogBuilder<Dated>()
            .Field("id", FieldType.Uuid, d => d.Id)
            .Field("day", FieldType.Date, d => d.Day)
            .Build(defaultSort: "id");
    }
}
