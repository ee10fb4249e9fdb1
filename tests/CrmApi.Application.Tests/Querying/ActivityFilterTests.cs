using CrmApi.Application.Activities;
using CrmApi.Application.Companies;
using CrmApi.Application.Contacts;
using CrmApi.Application.Querying;
using CrmApi.Application.Tickets;
using CrmApi.Domain.Activities;
using CrmApi.Domain.Companies;
using CrmApi.Domain.Contacts;
using Microsoft.Extensions.Time.Testing;
using static CrmApi.Application.Tests.Querying.TestData;

namespace CrmApi.Application.Tests.Querying;

/// <summary>
/// <c>activity</c> conditions: behaviour over a record's linked activities (at least one, none, how many, the sum of
/// their amounts), parsed with their errors and run against records in memory.
/// </summary>
public class ActivityFilterTests
{
    private static Contact Ann { get; } = NewContact("Ann")
        .Did(ActivityType.Purchase, Now.AddDays(-5), 100m, "EUR")
        .Did(ActivityType.Purchase, Now.AddDays(-30), 250m, "EUR")
        .Did(ActivityType.Purchase, Now.AddDays(-80), 200m, "EUR")
        .Did(ActivityType.Email, Now.AddDays(-10));

    private static Contact Bob { get; } = NewContact("Bob")
        .Did(ActivityType.Purchase, Now.AddDays(-20), 600m, "USD")
        .Did(ActivityType.Purchase, Now.AddDays(-200), 1000m, "USD")
        .Did(ActivityType.Email, Now.AddDays(-60));

    // A deleted purchase of 900 and a live one of 50: only the live one counts.
    private static Contact Dan { get; } = NewContact("Dan")
        .Did(ActivityType.Purchase, Now.AddDays(-3), 900m, "EUR", deleted: true)
        .Did(ActivityType.Purchase, Now.AddDays(-4), 50m, "EUR")
        .Did(ActivityType.Call, Now.AddDays(-5), seconds: 3600);

    // Purchases without an amount add nothing to a sum.
    private static Contact Eve { get; } = NewContact("Eve")
        .Did(ActivityType.Purchase, Now.AddDays(-1))
        .Did(ActivityType.Purchase, Now.AddDays(-2))
        .Did(ActivityType.Note, Now.AddDays(-2));

    private static readonly List<Contact> People = [Ann, Bob, NewContact("Cleo"), Dan, Eve];

    private static string[] Names(string filter, TimeProvider? clock = null) =>
        [.. People.Where(ContactFields.Catalog, filter, clock).Select(c => c.FirstName!)];

    [Theory]
    [InlineData("""{"activity":{"type":"purchase"}}""", "Ann,Bob,Dan,Eve")]
    [InlineData("""{"activity":{"type":"purchase","none":false}}""", "Ann,Bob,Dan,Eve")]
    [InlineData("""{"activity":{"type":"purchase","none":true}}""", "Cleo")]
    [InlineData("""{"activity":{"type":"email","none":true,"occurredAt":{"withinLast":"P30D"}}}""", "Bob,Cleo,Dan,Eve")]
    [InlineData("""{"activity":{"type":"meeting"}}""", "")]
    [InlineData("""{"not":{"activity":{"type":"purchase"}}}""", "Cleo")]
    [InlineData("""{"or":[{"activity":{"type":"call"}},{"activity":{"type":"note"}}]}""", "Dan,Eve")]
    [InlineData("""{"activity":{"type":"purchase"},"firstName":{"startsWith":"A"}}""", "Ann")]
    public void Compile_AnyOrNone_OfTheType(string filter, string expected)
    {
        Names(filter).ShouldBe(expected.Split(',', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("""{"activity":{"type":"purchase","occurredAt":{"withinLast":"P90D"},"count":{"gte":2}}}""", "Ann,Eve")]
    [InlineData("""{"activity":{"type":"purchase","occurredAt":{"withinLast":"P90D"},"count":{"eq":1}}}""", "Bob,Dan")]
    [InlineData("""{"activity":{"type":"purchase","occurredAt":{"olderThan":"P90D"}}}""", "Bob")]
    [InlineData("""{"activity":{"type":"purchase","count":{"eq":1}}}""", "Dan")]
    [InlineData("""{"activity":{"type":"purchase","count":{"eq":0}}}""", "Cleo")]
    [InlineData("""{"activity":{"type":"purchase","count":{"neq":2}}}""", "Ann,Cleo,Dan")]
    [InlineData("""{"activity":{"type":"purchase","count":{"lt":2}}}""", "Cleo,Dan")]
    [InlineData("""{"activity":{"type":"purchase","count":{"lte":2}}}""", "Bob,Cleo,Dan,Eve")]
    [InlineData("""{"activity":{"type":"purchase","count":{"gt":2}}}""", "Ann")]
    [InlineData("""{"activity":{"type":"purchase","count":{"gte":2,"lt":3}}}""", "Bob,Eve")]
    [InlineData("""{"activity":{"type":"purchase","occurredAt":{"gte":"2025-02-01T00:00:00Z","lt":"2025-02-26T00:00:00Z"},"count":{"gte":1}}}""", "Ann,Bob,Dan")]
    public void Compile_Count_OfTheMatchingActivities(string filter, string expected)
    {
        Names(filter).ShouldBe(expected.Split(',', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("""{"activity":{"type":"purchase","sum":{"amount":{"gte":500}}}}""", "Ann,Bob")]
    [InlineData("""{"activity":{"type":"purchase","sum":{"amount":{"gt":550}}}}""", "Bob")]
    [InlineData("""{"activity":{"type":"purchase","sum":{"amount":{"eq":550}}}}""", "Ann")]
    [InlineData("""{"activity":{"type":"purchase","sum":{"amount":{"neq":550}}}}""", "Bob,Cleo,Dan,Eve")]
    [InlineData("""{"activity":{"type":"purchase","sum":{"amount":{"lt":100}}}}""", "Cleo,Dan,Eve")]
    [InlineData("""{"activity":{"type":"purchase","sum":{"amount":{"eq":0}}}}""", "Cleo,Eve")]
    [InlineData("""{"activity":{"type":"purchase","sum":{"amount":{"lte":50.0001}}}}""", "Cleo,Dan,Eve")]
    [InlineData("""{"activity":{"type":"purchase","occurredAt":{"withinLast":"P90D"},"sum":{"amount":{"gte":560}}}}""", "Bob")]
    [InlineData("""{"activity":{"type":"purchase","currency":{"eq":"usd"},"sum":{"amount":{"gte":1600}}}}""", "Bob")]
    [InlineData("""{"activity":{"type":"purchase","count":{"gte":2},"sum":{"amount":{"lt":1000}}}}""", "Ann,Eve")]
    [InlineData("""{"activity":{"type":"call","sum":{"durationSeconds":{"gte":3600}}}}""", "Dan")]
    public void Compile_Sum_OfAFieldOfTheMatchingActivities(string filter, string expected)
    {
        Names(filter).ShouldBe(expected.Split(',', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Compile_OnCompanies_TestsTheirActivities()
    {
        List<Company> firms =
        [
            NewCompany("Buyer").Did(ActivityType.Purchase, Now.AddDays(-1), 700m).Did(ActivityType.Purchase, Now.AddDays(-2), 100m),
            NewCompany("Quiet"),
        ];

        firms.Where(CompanyFields.Catalog, """{"activity":{"type":"purchase","sum":{"amount":{"gte":800}}}}""").Select(c => c.Name).ShouldBe(["Buyer"]);
        firms.Where(CompanyFields.Catalog, """{"activity":{"type":"purchase","none":true}}""").Select(c => c.Name).ShouldBe(["Quiet"]);
    }

    [Fact]
    public void Compile_WithinLast_ReadsTheClockAtEachRun()
    {
        var clock = new FakeTimeProvider(Now);
        var filter = FilterParser.ParseText(ContactFields.Catalog,
            """{"activity":{"type":"purchase","occurredAt":{"withinLast":"P90D"},"count":{"gte":2}}}""").Value;
        var predicate = FilterCompiler.Compile(ContactFields.Catalog, filter, clock).Compile();

        People.Where(predicate).Select(c => c.FirstName).ShouldBe(["Ann", "Eve"]);
        clock.Advance(TimeSpan.FromDays(59));
        // Ann's purchases of 5 and 30 days before Now are within the last 90 days still, the one of 80 days before is not.
        People.Where(predicate).Select(c => c.FirstName).ShouldBe(["Ann", "Eve"]);
        clock.Advance(TimeSpan.FromDays(20));
        People.Where(predicate).Select(c => c.FirstName).ShouldBe(["Eve"]);
    }

    [Fact]
    public void Compile_IsACorrelatedSubqueryOverTheLinks_SkippingDeletedActivities()
    {
        static string Compiled(string filter) => FilterCompiler.Compile(
            ContactFields.Catalog, FilterParser.ParseText(ContactFields.Catalog, filter).Value, Clock).ToString();

        var count = Compiled("""{"activity":{"type":"purchase","count":{"gte":2}}}""");
        var sum = Compiled("""{"activity":{"type":"purchase","sum":{"amount":{"gte":500}}}}""");
        var none = Compiled("""{"activity":{"type":"purchase","none":true}}""");

        count.ShouldStartWith("e => (e.Activities.Select(l => l.Activity).Count(a => ((a.DeletedAt == null) AndAlso (a.Type == ");
        sum.ShouldStartWith("e => (e.Activities.Select(l => l.Activity).Where(a => ((a.DeletedAt == null) AndAlso (a.Type == ");
        sum.ShouldContain(".Sum(a => a.Amount) >= ");
        none.ShouldStartWith("e => Not(e.Activities.Select(l => l.Activity).Any(a => ");
        count.ShouldNotContain("Purchase");
    }

    [Theory]
    [InlineData("""{"activity":{"count":{"gte":2}}}""", "filter.activity.type", "needs a 'type', one of note, task, call, email, meeting, purchase")]
    [InlineData("""{"activity":{"type":"sms"}}""", "filter.activity.type", "one of note, task, call, email, meeting, purchase; got the string \"sms\"")]
    [InlineData("""{"activity":{"type":"Purchase"}}""", "filter.activity.type", "one of note, task")]
    [InlineData("""{"activity":{"type":{"eq":"purchase"}}}""", "filter.activity.type", "got an object")]
    [InlineData("""{"activity":{"type":"purchase","count":{"gte":-1}}}""", "filter.activity.count.gte", "a whole number from 0")]
    [InlineData("""{"activity":{"type":"purchase","count":{"gte":1.5}}}""", "filter.activity.count.gte", "a whole number from 0")]
    [InlineData("""{"activity":{"type":"purchase","count":{"gte":"2"}}}""", "filter.activity.count.gte", "got the string \"2\"")]
    [InlineData("""{"activity":{"type":"purchase","count":{"between":[1,2]}}}""", "filter.activity.count.between", "Allowed operators: eq, neq, lt, lte, gt, gte")]
    [InlineData("""{"activity":{"type":"purchase","count":{"in":[1,2]}}}""", "filter.activity.count.in", "does not apply to a count")]
    [InlineData("""{"activity":{"type":"purchase","count":2}}""", "filter.activity.count", "expects an object of comparisons such as {\"gte\":2}")]
    [InlineData("""{"activity":{"type":"purchase","count":{}}}""", "filter.activity.count", "expects an object of comparisons")]
    [InlineData("""{"activity":{"type":"purchase","none":true,"count":{"gte":1}}}""", "filter.activity.none", "cannot be combined with 'count' or 'sum'")]
    [InlineData("""{"activity":{"type":"purchase","none":true,"sum":{"amount":{"gte":1}}}}""", "filter.activity.none", "cannot be combined")]
    [InlineData("""{"activity":{"type":"purchase","none":"yes"}}""", "filter.activity.none", "expects true")]
    [InlineData("""{"activity":{"type":"purchase","sum":{"price":{"gte":1}}}}""", "filter.activity.sum.price", "no field 'price'. 'sum' adds up a number field: durationSeconds, amount")]
    [InlineData("""{"activity":{"type":"purchase","sum":{"title":{"gte":1}}}}""", "filter.activity.sum.title", "is not a number")]
    [InlineData("""{"activity":{"type":"purchase","sum":{"amount":{"gte":"500"}}}}""", "filter.activity.sum.amount.gte", "a number below 10^14 with at most 4 decimal places")]
    [InlineData("""{"activity":{"type":"purchase","sum":{"amount":{"gte":0.00001}}}}""", "filter.activity.sum.amount.gte", "at most 4 decimal places")]
    [InlineData("""{"activity":{"type":"purchase","sum":{"amount":{"contains":5}}}}""", "filter.activity.sum.amount.contains", "does not apply to a sum")]
    [InlineData("""{"activity":{"type":"call","sum":{"durationSeconds":{"gte":1.5}}}}""", "filter.activity.sum.durationSeconds.gte", "a whole number")]
    [InlineData("""{"activity":{"type":"purchase","sum":{"amount":{"gte":1},"durationSeconds":{"gte":1}}}}""", "filter.activity.sum", "one number field")]
    [InlineData("""{"activity":{"type":"purchase","sum":500}}""", "filter.activity.sum", "such as {\"amount\":{\"gte\":500}}")]
    [InlineData("""{"activity":{"type":"purchase","occurredAt":{"withinLast":"P0D"}}}""", "filter.activity.occurredAt.withinLast", "is zero")]
    [InlineData("""{"activity":{"type":"purchase","occurredAt":{"withinLast":"ninety days"}}}""", "filter.activity.occurredAt.withinLast", "such as \"P90D\"")]
    [InlineData("""{"activity":{"type":"purchase","occurredAt":{"like":"x"}}}""", "filter.activity.occurredAt.like", "Unknown operator")]
    [InlineData("""{"activity":{"type":"purchase","colour":{"eq":"red"}}}""", "filter.activity.colour", "Unknown key 'colour' in an activity condition")]
    [InlineData("""{"activity":{"type":"purchase","contact.id":{"eq":"x"}}}""", "filter.activity.contact.id", "Unknown key")]
    [InlineData("""{"activity":"purchase"}""", "filter.activity", "Expected an activity condition such as {\"type\":\"purchase\"")]
    [InlineData("""{"activity":{}}""", "filter.activity", "Expected an activity condition")]
    [InlineData("""{"and":[{"activity":{"type":"x"}}]}""", "filter.and[0].activity.type", "one of note")]
    [InlineData("""{"or":[{"lastName":{"eq":"A"}},{"not":{"activity":{"type":"call","count":{"gte":-2}}}}]}""", "filter.or[1].not.activity.count.gte", "from 0")]
    public void Parse_BadActivityCondition_IsRejectedAtItsPath(string json, string path, string message)
    {
        var error = FilterParser.ParseText(ContactFields.Catalog, json).SingleError();

        error.Field.ShouldBe(path);
        error.Message.ShouldContain(message);
    }

    [Fact]
    public void Parse_SeveralProblemsInOneActivityCondition_AreAllReported()
    {
        var result = FilterParser.ParseText(ContactFields.Catalog,
            """{"activity":{"type":"sms","count":{"gte":-1},"occurredAt":{"withinLast":"P"}}}""");

        result.Errors.Select(e => e.Field).ShouldBe(["filter.activity.type", "filter.activity.count.gte", "filter.activity.occurredAt.withinLast"]);
    }

    [Fact]
    public void Parse_ObjectsWithoutActivityLinks_DoNotKnowTheKey()
    {
        var onActivities = FilterParser.ParseText(ActivityFields.Catalog, """{"activity":{"type":"purchase"}}""").SingleError();
        var onTickets = FilterParser.ParseText(TicketFields.Catalog, """{"activity":{"type":"purchase"}}""").SingleError();

        onActivities.Field.ShouldBe("filter.activity");
        onActivities.Message.ShouldContain("Unknown field 'activity'");
        onTickets.Message.ShouldContain("Unknown field 'activity'");
    }

    [Fact]
    public void Parse_BuildsTheNode_AndToJsonRoundTrips()
    {
        var node = FilterParser.ParseText(ContactFields.Catalog, """
            {"activity":{"occurredAt":{"withinLast":"P90D","lt":"2025-03-01T00:00:00Z"},"type":"purchase","count":{"gte":2.0},
             "sum":{"amount":{"gte":500.5}},"currency":{"eq":"eur"}}}
            """).Value.ShouldBeOfType<ActivityNode>();

        node.Type.ShouldBe(ActivityType.Purchase);
        node.None.ShouldBeFalse();
        node.Conditions.Select(c => (c.Field, c.Operator)).ShouldBe(
            [("occurredAt", FilterOperator.WithinLast), ("occurredAt", FilterOperator.Lt), ("currency", FilterOperator.Eq)]);
        node.Conditions[2].Values.ShouldBe(["EUR"]);
        node.Count.ShouldBe([new MeasureTest(FilterOperator.Gte, 2)]);
        node.SumField.ShouldBe("amount");
        node.Sum.ShouldBe([new MeasureTest(FilterOperator.Gte, 500.5m)]);
        var json = node.ToJson();
        json.ShouldBe(
            """{"activity":{"type":"purchase","occurredAt":{"withinLast":"P90D","lt":"2025-03-01T00:00:00.0000000Z"},"currency":{"eq":"EUR"},"count":{"gte":2},"sum":{"amount":{"gte":500.5}}}}""");
        FilterParser.ParseText(ContactFields.Catalog, json).Value!.ToJson().ShouldBe(json);
        FilterParser.ParseText(ContactFields.Catalog, """{"activity":{"type":"email","none":true}}""").Value!.ToJson()
            .ShouldBe("""{"activity":{"type":"email","none":true}}""");
    }

    [Fact]
    public void Parse_ActivityConditionsCountTowardsTheLimit()
    {
        static string Conditions(int count) => """{"or":[""" + string.Join(",", Enumerable.Range(0, count).Select(
            i => """{"activity":{"type":"call","count":{"gte":""" + i + "}}}")) + "]}";

        // Each is two: the activity condition and its count test.
        FilterParser.ParseText(ContactFields.Catalog, Conditions(50)).IsSuccess.ShouldBeTrue();
        FilterParser.ParseText(ContactFields.Catalog, Conditions(51)).SingleError().Message.ShouldContain("too many conditions");
    }
}
