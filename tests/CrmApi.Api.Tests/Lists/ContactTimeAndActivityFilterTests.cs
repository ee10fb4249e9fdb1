using System.Globalization;
using System.Net;
using CrmApi.Api.Tests.Contacts;
using CrmApi.Api.Tests.Deals;
using CrmApi.Api.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using static CrmApi.Api.Tests.Contacts.RecordApi;

namespace CrmApi.Api.Tests.Lists;

/// <summary>
/// Relative times (<c>withinLast</c>, <c>olderThan</c>) and behaviour over activities (<c>activity</c>) in contact lists,
/// through GET and POST /search. Times are chosen relative to the records made here, or set on a host whose clock the
/// test moves: nothing waits.
/// </summary>
public abstract class ContactTimeAndActivityFilterTests(ApiFixture fixture)
{
    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static async Task ShouldSelectAsync(HttpClient client, string filter, params string[] ids)
        => (await client.IdsAsync("contacts", filter)).ShouldBe(ids, ignoreOrder: true, filter);

    private static async Task<string> ActivityAsync(HttpClient client, string json)
        => (await client.CreateAsync("activities", json)).Id();

    [Fact]
    public async Task Created_at_within_last_and_older_than_follow_the_clock()
    {
        var ws = await fixture.NewWorkspaceAsync();
        // Contacts are created on hosts whose clock stands 65, 25 and 5 days in the past. The clock moves by days only
        // while no host runs: a running host's workers would wake for every period skipped (SLA checks: every 2 s).
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-65));
        async Task<string> CreateAsync(string name)
        {
            await using var host = new ClockedHost(fixture, clock);
            using var client = host.Client(ws.Key);
            return (await client.CreateContactAsync($$"""{"firstName":"{{name}}"}""")).Id();
        }
        var old = await CreateAsync("Old");
        clock.Advance(TimeSpan.FromDays(40));
        var mid = await CreateAsync("Mid");
        clock.Advance(TimeSpan.FromDays(20));
        string recent;
        await using (var host = new ClockedHost(fixture, clock))
        {
            using var client = host.Client(ws.Key);
            recent = (await client.CreateContactAsync("""{"firstName":"Recent"}""")).Id();
            // Each request reads its host's clock: at the instant the newest contact was created, then three minutes on.
            await ShouldSelectAsync(client, """{"createdAt":{"withinLast":"PT2M"}}""", recent);
            await ShouldSelectAsync(client, """{"createdAt":{"withinLast":"P30D"}}""", mid, recent);
            clock.Advance(TimeSpan.FromMinutes(3));
            await ShouldSelectAsync(client, """{"createdAt":{"withinLast":"PT2M"}}""");
            await ShouldSelectAsync(client, """{"createdAt":{"olderThan":"PT2M"}}""", old, mid, recent);
        }

        // The API's own clock: Old is 65 days old, Mid 25, Recent 5.
        await ShouldSelectAsync(ws.Client, """{"createdAt":{"withinLast":"P30D"}}""", mid, recent);
        await ShouldSelectAsync(ws.Client, """{"createdAt":{"olderThan":"P30D"}}""", old);
        await ShouldSelectAsync(ws.Client, """{"createdAt":{"withinLast":"P1W"}}""", recent);
        await ShouldSelectAsync(ws.Client, """{"createdAt":{"withinLast":"P2M"}}""", mid, recent);
        await ShouldSelectAsync(ws.Client, """{"createdAt":{"withinLast":"P1Y","olderThan":"P7D"}}""", old, mid);
        await ShouldSelectAsync(ws.Client, """{"updatedAt":{"olderThan":"P7D"},"firstName":{"startsWith":"m"}}""", mid);
        await ShouldSelectAsync(ws.Client, """{"not":{"createdAt":{"withinLast":"P30D"}}}""", old);
        await ShouldSelectAsync(ws.Client, """{"createdAt":{"withinLast":"PT96H"}}""");
    }

    [Fact]
    public async Task A_custom_date_field_takes_within_last_and_older_than()
    {
        var ws = await fixture.NewWorkspaceAsync();
        (await ws.Client.PostAsync("/api/v1/meta/objects/contact/fields", Json("""{"key":"lastOrder","label":"Last order","type":"date"}""")))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await ws.Client.PostAsync("/api/v1/meta/objects/contact/fields", Json("""{"key":"renewsAt","label":"Renews at","type":"datetime"}""")))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var now = DateTimeOffset.UtcNow;
        async Task<string> ContactAsync(string name, int? daysAgo)
            => (await ws.Client.CreateContactAsync(daysAgo is { } d
                ? $$$"""{"firstName":"{{{name}}}","custom":{"lastOrder":"{{{Day(now.AddDays(-d))}}}","renewsAt":"{{{Instant(now.AddDays(-d))}}}"}}"""
                : $$"""{"firstName":"{{name}}"}""")).Id();
        var week = await ContactAsync("Week", 7);
        var quarter = await ContactAsync("Quarter", 100);
        var ancient = await ContactAsync("Ancient", 800);
        var ahead = await ContactAsync("Ahead", -10);
        await ContactAsync("Never", null);

        await ShouldSelectAsync(ws.Client, """{"custom.lastOrder":{"withinLast":"P30D"}}""", week);
        await ShouldSelectAsync(ws.Client, """{"custom.lastOrder":{"olderThan":"P30D"}}""", quarter, ancient);
        await ShouldSelectAsync(ws.Client, """{"custom.lastOrder":{"withinLast":"P1Y"}}""", week, quarter);
        await ShouldSelectAsync(ws.Client, """{"custom.lastOrder":{"olderThan":"P2Y"}}""", ancient);
        await ShouldSelectAsync(ws.Client, """{"custom.lastOrder":{"withinLast":"P6M","olderThan":"P1M"}}""", quarter);
        await ShouldSelectAsync(ws.Client, """{"custom.renewsAt":{"withinLast":"P2W"}}""", week);
        await ShouldSelectAsync(ws.Client, """{"custom.renewsAt":{"olderThan":"P1Y"}}""", ancient);
        // A date in the future is within no past window; a contact without one matches neither.
        await ShouldSelectAsync(ws.Client, """{"or":[{"custom.lastOrder":{"withinLast":"P100Y"}},{"custom.lastOrder":{"olderThan":"P1D"}}]}""",
            week, quarter, ancient);
        await ShouldSelectAsync(ws.Client, """{"custom.lastOrder":{"gt":"2000-01-01T00:00:00Z"},"not":{"custom.lastOrder":{"withinLast":"P100Y"}}}""", ahead);
    }

    [Fact]
    public async Task Activity_conditions_count_none_and_sum_the_contacts_activities()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var c = ws.Client;
        var now = DateTimeOffset.UtcNow;
        string Ago(int days) => Instant(now.AddDays(-days));
        var ada = (await c.CreateContactAsync("""{"firstName":"Ada","lastName":"Lovelace"}""")).Id();
        var grace = (await c.CreateContactAsync("""{"firstName":"Grace","lastName":"Hopper"}""")).Id();
        var alan = (await c.CreateContactAsync("""{"firstName":"Alan","lastName":"Turing"}""")).Id();
        var kat = (await c.CreateContactAsync("""{"firstName":"Katherine","lastName":"Johnson"}""")).Id();

        await ActivityAsync(c, $$"""{"type":"purchase","amount":300.25,"currency":"EUR","occurredAt":"{{Ago(5)}}","contactIds":["{{ada}}"]}""");
        await ActivityAsync(c, $$"""{"type":"purchase","amount":249.75,"currency":"EUR","occurredAt":"{{Ago(20)}}","contactIds":["{{ada}}"]}""");
        await ActivityAsync(c, $$"""{"type":"email","subject":"Thanks","occurredAt":"{{Ago(2)}}","contactIds":["{{ada}}"]}""");
        // One purchase shared by two contacts counts for each.
        await ActivityAsync(c, $$"""{"type":"purchase","amount":900,"currency":"USD","occurredAt":"{{Ago(100)}}","contactIds":["{{grace}}","{{alan}}"]}""");
        await ActivityAsync(c, $$"""{"type":"email","subject":"Hello","occurredAt":"{{Ago(40)}}","contactIds":["{{grace}}"]}""");
        await ActivityAsync(c, $$"""{"type":"purchase","amount":100,"currency":"EUR","occurredAt":"{{Ago(10)}}","contactIds":["{{alan}}"]}""");
        // A deleted activity counts for nothing.
        var deleted = await ActivityAsync(c, $$"""{"type":"purchase","amount":5000,"currency":"EUR","occurredAt":"{{Ago(3)}}","contactIds":["{{kat}}","{{alan}}"]}""");
        (await c.DeleteAsync($"/api/v1/activities/{deleted}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await ActivityAsync(c, $$"""{"type":"call","durationSeconds":1800,"occurredAt":"{{Ago(1)}}","contactIds":["{{kat}}"]}""");
        await ActivityAsync(c, $$"""{"type":"call","durationSeconds":2400,"occurredAt":"{{Ago(2)}}","contactIds":["{{kat}}"]}""");

        await ShouldSelectAsync(c, """{"activity":{"type":"purchase"}}""", ada, grace, alan);
        await ShouldSelectAsync(c, """{"activity":{"type":"purchase","none":true}}""", kat);
        await ShouldSelectAsync(c, """{"activity":{"type":"purchase","occurredAt":{"withinLast":"P90D"},"count":{"gte":2}}}""", ada);
        await ShouldSelectAsync(c, """{"activity":{"type":"purchase","occurredAt":{"withinLast":"P90D"},"count":{"eq":1}}}""", alan);
        await ShouldSelectAsync(c, """{"activity":{"type":"purchase","count":{"eq":2}}}""", ada, alan);
        await ShouldSelectAsync(c, """{"activity":{"type":"purchase","count":{"lt":1}}}""", kat);
        await ShouldSelectAsync(c, """{"activity":{"type":"purchase","count":{"neq":1},"occurredAt":{"olderThan":"P30D"}}}""", ada, kat);
        await ShouldSelectAsync(c, """{"activity":{"type":"purchase","occurredAt":{"olderThan":"P90D"}}}""", grace, alan);
        await ShouldSelectAsync(c, """{"activity":{"type":"email","none":true,"occurredAt":{"withinLast":"P30D"}}}""", grace, alan, kat);
        await ShouldSelectAsync(c, """{"activity":{"type":"purchase","sum":{"amount":{"gte":500}}}}""", ada, grace, alan);
        await ShouldSelectAsync(c, """{"activity":{"type":"purchase","sum":{"amount":{"eq":550}}}}""", ada);
        await ShouldSelectAsync(c, """{"activity":{"type":"purchase","sum":{"amount":{"gt":550,"lte":1000}}}}""", grace, alan);
        await ShouldSelectAsync(c, """{"activity":{"type":"purchase","sum":{"amount":{"lt":100}}}}""", kat);
        await ShouldSelectAsync(c, """{"activity":{"type":"purchase","occurredAt":{"withinLast":"P30D"},"sum":{"amount":{"gte":500}}}}""", ada);
        await ShouldSelectAsync(c, """{"activity":{"type":"purchase","currency":{"eq":"usd"},"sum":{"amount":{"gte":900}}}}""", grace, alan);
        await ShouldSelectAsync(c, """{"activity":{"type":"call","sum":{"durationSeconds":{"gte":3600}}}}""", kat);
        await ShouldSelectAsync(c, """{"activity":{"type":"purchase","count":{"gte":1},"sum":{"amount":{"lt":1000}}},"lastName":{"startsWith":"L"}}""", ada);
        await ShouldSelectAsync(c,
            """{"or":[{"activity":{"type":"call"}},{"and":[{"activity":{"type":"email"}},{"not":{"activity":{"type":"email","occurredAt":{"withinLast":"P7D"}}}}]}]}""",
            grace, kat);

        // Sorted and paged like any list: the cursor carries the filter.
        var firstPage = await c.GetPageAsync("contacts", """{"activity":{"type":"purchase"}}""", "lastName", 2);
        firstPage.Ids.ShouldBe([grace, ada]);
        (await c.GetPageAsync("contacts", """{"activity":{"type":"purchase"}}""", "lastName", 2, firstPage.NextCursor)).Ids.ShouldBe([alan]);
    }

    [Fact]
    public async Task Companies_and_deals_filter_on_their_activities_too()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var c = ws.Client;
        var acme = (await c.CreateCompanyAsync("""{"name":"Acme"}""")).Id();
        var globex = (await c.CreateCompanyAsync("""{"name":"Globex"}""")).Id();
        var big = (await c.CreateDealAsync(new { name = "Big" })).Id();
        var small = (await c.CreateDealAsync(new { name = "Small" })).Id();
        var ago = Instant(DateTimeOffset.UtcNow.AddDays(-10));
        await ActivityAsync(c, $$"""{"type":"purchase","amount":700,"currency":"EUR","occurredAt":"{{ago}}","companyIds":["{{acme}}"],"dealIds":["{{big}}"]}""");
        await ActivityAsync(c, $$"""{"type":"meeting","title":"Kick-off","occurredAt":"{{ago}}","companyIds":["{{globex}}"],"dealIds":["{{small}}"]}""");

        const string bigSpender = """{"activity":{"type":"purchase","occurredAt":{"withinLast":"P30D"},"sum":{"amount":{"gte":500}}}}""";
        (await c.IdsAsync("companies", bigSpender)).ShouldBe([acme]);
        (await c.IdsAsync("deals", bigSpender)).ShouldBe([big]);
        (await c.IdsAsync("companies", """{"activity":{"type":"meeting","none":true}}""")).ShouldBe([acme]);
        (await c.IdsAsync("deals", """{"activity":{"type":"meeting","count":{"eq":1}}}""")).ShouldBe([small]);
        // Activities themselves have no activity links.
        await (await c.GetAsync(ListUrl("activities", """{"activity":{"type":"purchase"}}"""))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "filter.activity");
    }

    [Theory]
    [InlineData("""{"createdAt":{"withinLast":"P0D"}}""", "filter.createdAt.withinLast", "is zero")]
    [InlineData("""{"createdAt":{"olderThan":"-P30D"}}""", "filter.createdAt.olderThan", "is negative")]
    [InlineData("""{"createdAt":{"withinLast":"P101Y"}}""", "filter.createdAt.withinLast", "longer than 100 years")]
    [InlineData("""{"createdAt":{"withinLast":"30 days"}}""", "filter.createdAt.withinLast", "such as \"P90D\"")]
    [InlineData("""{"updatedAt":{"olderThan":30}}""", "filter.updatedAt.olderThan", "such as \"P90D\"")]
    [InlineData("""{"lastName":{"withinLast":"P1D"}}""", "filter.lastName.withinLast", "is not allowed")]
    [InlineData("""{"activity":{"count":{"gte":1}}}""", "filter.activity.type", "needs a 'type'")]
    [InlineData("""{"activity":{"type":"fax"}}""", "filter.activity.type", "one of note, task, call, email, meeting, purchase")]
    [InlineData("""{"activity":{"type":"purchase","count":{"gte":-1}}}""", "filter.activity.count.gte", "a whole number from 0")]
    [InlineData("""{"activity":{"type":"purchase","none":true,"count":{"gte":1}}}""", "filter.activity.none", "cannot be combined")]
    [InlineData("""{"activity":{"type":"purchase","sum":{"price":{"gte":1}}}}""", "filter.activity.sum.price", "amount")]
    [InlineData("""{"activity":{"type":"purchase","occurredAt":{"withinLast":"P1.5D"}}}""", "filter.activity.occurredAt.withinLast", "such as \"P90D\"")]
    [InlineData("""{"and":[{"lastName":{"eq":"A"}},{"activity":{"type":"purchase","colour":{"eq":"red"}}}]}""", "filter.and[1].activity.colour", "Unknown key 'colour'")]
    public async Task A_bad_relative_time_or_activity_condition_is_400_naming_the_path(string filter, string field, string message)
    {
        var ws = await fixture.NewWorkspaceAsync();
        var viaGet = await (await ws.Client.GetAsync(ListUrl("contacts", filter))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, field);
        var viaSearch = await (await ws.Client.PostAsync("/api/v1/contacts/search", SearchBody(filter)))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, field);

        viaGet.GetProperty("errors").EnumerateArray().Single().GetProperty("message").GetString().ShouldNotBeNull().ShouldContain(message);
        viaSearch.GetProperty("errors").GetRawText().ShouldBe(viaGet.GetProperty("errors").GetRawText());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ContactTimeAndActivityFilterSqliteTests(SqliteApiFixture fixture) : ContactTimeAndActivityFilterTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ContactTimeAndActivityFilterPostgresTests(PostgresApiFixture fixture) : ContactTimeAndActivityFilterTests(fixture);
