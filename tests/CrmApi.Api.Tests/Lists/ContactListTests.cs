using System.Net;
using System.Text.Json;
using CrmApi.Api.Tests.Contacts;
using CrmApi.Api.Tests.Infrastructure;
using static CrmApi.Api.Tests.Contacts.RecordApi;

namespace CrmApi.Api.Tests.Lists;

/// <summary>
/// Contact lists: the filter language through GET (filter as JSON in the query string) and POST /search (filter in the
/// body), which must always return the same rows; sorting; keyset paging; and the errors of a bad request.
/// </summary>
public abstract class ContactListTests(ApiFixture fixture)
{
    private sealed record People(TestWorkspace Ws, Dictionary<string, JsonElement> ByName)
    {
        public string this[string name] => ByName[name].Id();
        public string[] Ids(params string[] names) => [.. names.Select(n => this[n])];
        public DateTimeOffset CreatedAt(string name) => ByName[name].GetProperty("createdAt").GetDateTimeOffset();
    }

    /// <summary>Five contacts, created in this order (so the default sort lists them newest first).</summary>
    private async Task<People> SeedPeopleAsync()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var byName = new Dictionary<string, JsonElement>
        {
            ["ada"] = await ws.Client.CreateContactAsync("""
                {"firstName":"Ada","lastName":"Lovelace","emails":[{"value":"ada@example.com"}],"tags":["vip","math"],
                 "lifecycleStage":"customer","jobTitle":"Analyst","address":{"city":"London","country":"GB"}}
                """),
            ["grace"] = await ws.Client.CreateContactAsync("""
                {"firstName":"Grace","lastName":"Hopper","emails":[{"value":"grace@navy.example"}],"tags":["vip"],"lifecycleStage":"lead"}
                """),
            ["alan"] = await ws.Client.CreateContactAsync("""
                {"firstName":"Alan","lastName":"Turing","emails":[{"value":"alan@example.org"}],"lifecycleStage":"subscriber",
                 "address":{"city":"Manchester","country":"GB"}}
                """),
            ["katherine"] = await ws.Client.CreateContactAsync("""{"firstName":"Katherine","lastName":"Johnson","tags":["nasa"]}"""),
            ["nameless"] = await ws.Client.CreateContactAsync("""{"firstName":"Nameless","jobTitle":"Ghost"}"""),
        };
        return new People(ws, byName);
    }

    private static async Task ShouldSelectAsync(People p, string filter, params string[] names)
        => (await p.Ws.Client.IdsAsync("contacts", filter)).ShouldBe(p.Ids(names), ignoreOrder: true, filter);

    [Fact]
    public async Task Get_and_search_return_the_same_rows_newest_first_by_default()
    {
        var p = await SeedPeopleAsync();
        var all = await p.Ws.Client.IdsAsync("contacts", null);
        all.ShouldBe(p.Ids("nameless", "katherine", "alan", "grace", "ada"));
        (await p.Ws.Client.IdsAsync("contacts", "{}")).ShouldBe(all);
        (await p.Ws.Client.IdsAsync("contacts", null, "-createdAt")).ShouldBe(all);
        (await p.Ws.Client.IdsAsync("contacts", null, "createdAt")).ShouldBe(Enumerable.Reverse(all));
        var filtered = await p.Ws.Client.IdsAsync("contacts", """{"tags":{"contains":"vip"}}""", "firstName");
        filtered.ShouldBe(p.Ids("ada", "grace"));

        // The rows are the full representation, the same as a GET of the record.
        var row = (await p.Ws.Client.GetPageAsync("contacts", """{"lastName":{"eq":"Lovelace"}}""")).Items.Single();
        row.GetRawText().ShouldBe(p.ByName["ada"].GetRawText());
    }

    [Fact]
    public async Task Equality_and_membership_operators()
    {
        var p = await SeedPeopleAsync();
        await ShouldSelectAsync(p, """{"lastName":{"eq":"Hopper"}}""", "grace");
        await ShouldSelectAsync(p, """{"lastName":{"eq":"hopper"}}""");
        await ShouldSelectAsync(p, """{"email":{"eq":"ADA@Example.com"}}""", "ada");
        // A missing value is not equal to anything, so it passes neq and nin.
        await ShouldSelectAsync(p, """{"lastName":{"neq":"Hopper"}}""", "ada", "alan", "katherine", "nameless");
        await ShouldSelectAsync(p, """{"lastName":{"in":["Hopper","Turing","Nobody"]}}""", "grace", "alan");
        await ShouldSelectAsync(p, """{"lastName":{"nin":["Hopper","Turing"]}}""", "ada", "katherine", "nameless");
        await ShouldSelectAsync(p, $$$"""{"id":{"eq":"{{{p["alan"]}}}"}}""", "alan");
        await ShouldSelectAsync(p, $$$"""{"id":{"in":["{{{p["alan"]}}}","{{{p["ada"]}}}","{{{Guid.NewGuid()}}}"]}}""", "alan", "ada");
        await ShouldSelectAsync(p, """{"address.country":{"eq":"gb"}}""", "ada", "alan");
        await ShouldSelectAsync(p, """{"lastName":{"gte":"H","lt":"M"}}""", "grace", "katherine", "ada");
    }

    [Fact]
    public async Task Text_operators_are_case_insensitive_and_literal()
    {
        var p = await SeedPeopleAsync();
        var odd = await p.Ws.Client.CreateContactAsync("""{"firstName":"Percy","lastName":"100%_Sure"}""");
        p.ByName["odd"] = odd;

        await ShouldSelectAsync(p, """{"lastName":{"contains":"OVE"}}""", "ada");
        await ShouldSelectAsync(p, """{"lastName":{"startsWith":"hOP"}}""", "grace");
        await ShouldSelectAsync(p, """{"lastName":{"endsWith":"SON"}}""", "katherine");
        await ShouldSelectAsync(p, """{"email":{"contains":"EXAMPLE."}}""", "ada", "alan");
        await ShouldSelectAsync(p, """{"email":{"endsWith":".org"}}""", "alan");
        await ShouldSelectAsync(p, """{"firstName":{"startsWith":"a"}}""", "ada", "alan");
        // % and _ are plain characters, not wildcards.
        await ShouldSelectAsync(p, """{"lastName":{"startsWith":"100%_"}}""", "odd");
        await ShouldSelectAsync(p, """{"lastName":{"contains":"%"}}""", "odd");
        await ShouldSelectAsync(p, """{"lastName":{"contains":"_"}}""", "odd");
        await ShouldSelectAsync(p, """{"lastName":{"startsWith":"1_0"}}""");
        await ShouldSelectAsync(p, """{"lastName":{"endsWith":"%"}}""");
    }

    [Fact]
    public async Task IsNull_matches_missing_values()
    {
        var p = await SeedPeopleAsync();
        await ShouldSelectAsync(p, """{"lastName":{"isNull":true}}""", "nameless");
        await ShouldSelectAsync(p, """{"lastName":{"isNull":false}}""", "ada", "grace", "alan", "katherine");
        await ShouldSelectAsync(p, """{"email":{"isNull":true}}""", "katherine", "nameless");
        await ShouldSelectAsync(p, """{"lifecycleStage":{"isNull":true}}""", "katherine", "nameless");
        await ShouldSelectAsync(p, """{"jobTitle":{"isNull":false},"address.city":{"isNull":false}}""", "ada");
    }

    [Fact]
    public async Task Date_comparisons_on_created_at()
    {
        var p = await SeedPeopleAsync();
        var middle = JsonSerializer.Serialize(p.CreatedAt("alan").UtcDateTime.ToString("O"));
        await ShouldSelectAsync(p, $$$"""{"createdAt":{"lt":{{{middle}}}}}""", "ada", "grace");
        await ShouldSelectAsync(p, $$$"""{"createdAt":{"lte":{{{middle}}}}}""", "ada", "grace", "alan");
        await ShouldSelectAsync(p, $$$"""{"createdAt":{"gt":{{{middle}}}}}""", "katherine", "nameless");
        await ShouldSelectAsync(p, $$$"""{"createdAt":{"gte":{{{middle}}}}}""", "alan", "katherine", "nameless");
        await ShouldSelectAsync(p, $$$"""{"createdAt":{"eq":{{{middle}}}}}""", "alan");
        await ShouldSelectAsync(p, $$$"""{"createdAt":{"neq":{{{middle}}}}}""", "ada", "grace", "katherine", "nameless");

        // The same instant written with an offset compares equal.
        var withOffset = JsonSerializer.Serialize(p.CreatedAt("alan").ToOffset(TimeSpan.FromHours(2)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz"));
        await ShouldSelectAsync(p, $$$"""{"createdAt":{"eq":{{{withOffset}}}}}""", "alan");
        await ShouldSelectAsync(p, """{"createdAt":{"gt":"2000-01-01T00:00:00Z","lt":"2999-01-01T00:00Z"}}""", "ada", "grace", "alan", "katherine", "nameless");
    }

    [Fact]
    public async Task Tags_contains_and_lifecycle_stage_membership()
    {
        var p = await SeedPeopleAsync();
        await ShouldSelectAsync(p, """{"tags":{"contains":"VIP"}}""", "ada", "grace");
        await ShouldSelectAsync(p, """{"tags":{"contains":"math"}}""", "ada");
        await ShouldSelectAsync(p, """{"tags":{"contains":"vi"}}""");
        await ShouldSelectAsync(p, """{"lifecycleStage":{"eq":"lead"}}""", "grace");
        await ShouldSelectAsync(p, """{"lifecycleStage":{"in":["lead","customer"]}}""", "ada", "grace");
        await ShouldSelectAsync(p, """{"lifecycleStage":{"nin":["lead","customer"]}}""", "alan", "katherine", "nameless");
        await ShouldSelectAsync(p, """{"lifecycleStage":{"neq":"subscriber"}}""", "ada", "grace", "katherine", "nameless");
    }

    [Fact]
    public async Task Company_filters_use_the_primary_company()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var acme = (await ws.Client.CreateCompanyAsync("""{"name":"Acme","domain":"acme.com","industry":"Rockets","employeeCount":500}""")).Id();
        var globex = (await ws.Client.CreateCompanyAsync("""{"name":"Globex","domain":"globex.com","industry":"Energy","employeeCount":50}""")).Id();
        var atAcme = (await ws.Client.CreateContactAsync("""{"firstName":"AtAcme"}""")).Id();
        var atGlobex = (await ws.Client.CreateContactAsync("""{"firstName":"AtGlobex"}""")).Id();
        var advisesAcme = (await ws.Client.CreateContactAsync("""{"firstName":"AdvisesAcme"}""")).Id();
        var loner = (await ws.Client.CreateContactAsync("""{"firstName":"Loner"}""")).Id();
        async Task LinkAsync(string contact, string company, bool primary)
            => (await ws.Client.PutAsync($"/api/v1/contacts/{contact}/companies/{company}", Json(new { primary }))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await LinkAsync(atAcme, acme, true);
        await LinkAsync(atGlobex, globex, true);
        await LinkAsync(atGlobex, acme, false);
        await LinkAsync(advisesAcme, acme, false);

        async Task Check(string filter, params string[] expected)
            => (await ws.Client.IdsAsync("contacts", filter)).ShouldBe(expected, ignoreOrder: true, filter);
        await Check("""{"company.industry":{"eq":"Rockets"}}""", atAcme);
        await Check("""{"company.domain":{"eq":"ACME.com"}}""", atAcme);
        await Check("""{"company.domain":{"endsWith":".COM"}}""", atAcme, atGlobex);
        await Check("""{"company.industry":{"in":["Rockets","Energy"]}}""", atAcme, atGlobex);
        await Check("""{"company.employeeCount":{"gte":100}}""", atAcme);
        // Negative tests hold when no primary company passes the positive one, so contacts without one match.
        await Check("""{"company.domain":{"neq":"acme.com"}}""", atGlobex, advisesAcme, loner);
        await Check("""{"company.industry":{"nin":["Energy"]}}""", atAcme, advisesAcme, loner);
        await Check("""{"company.industry":{"isNull":true}}""", advisesAcme, loner);
        await Check("""{"company.industry":{"isNull":false}}""", atAcme, atGlobex);
        await Check("""{"company.domain":{"eq":"acme.com"},"firstName":{"startsWith":"At"}}""", atAcme);
    }

    [Fact]
    public async Task And_or_not_nest()
    {
        var p = await SeedPeopleAsync();
        await ShouldSelectAsync(p, """{"firstName":{"startsWith":"A"},"tags":{"contains":"vip"}}""", "ada");
        await ShouldSelectAsync(p, """{"and":[{"firstName":{"startsWith":"A"}},{"lifecycleStage":{"eq":"subscriber"}}]}""", "alan");
        await ShouldSelectAsync(p, """{"or":[{"lastName":{"eq":"Lovelace"}},{"lastName":{"eq":"Turing"}}]}""", "ada", "alan");
        await ShouldSelectAsync(p, """{"not":{"tags":{"contains":"vip"}}}""", "alan", "katherine", "nameless");
        await ShouldSelectAsync(p,
            """{"or":[{"lastName":{"eq":"Johnson"}},{"and":[{"tags":{"contains":"vip"}},{"not":{"firstName":{"eq":"Ada"}}}]}]}""",
            "katherine", "grace");
        await ShouldSelectAsync(p,
            """{"not":{"or":[{"lastName":{"isNull":true}},{"and":[{"email":{"endsWith":"example.com"}},{"not":{"lifecycleStage":{"eq":"lead"}}}]}]}}""",
            "grace", "alan", "katherine");
    }

    [Fact]
    public async Task Sorting_by_last_name_breaks_ties_by_id_and_puts_missing_names_last()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var rows = new List<(string Id, string? LastName)>();
        foreach (var lastName in new[] { "Brown", null, "Adams", "Brown", "Clark", null, "Adams", "Brown" })
            rows.Add(((await ws.Client.CreateContactAsync(new { firstName = "X", lastName })).Id(), lastName));

        var ascending = rows.OrderBy(r => r.LastName is null).ThenBy(r => r.LastName, StringComparer.Ordinal)
            .ThenBy(r => r.Id, Comparer<string>.Create(CompareIds)).Select(r => r.Id).ToList();
        var descending = rows.OrderBy(r => r.LastName is null).ThenByDescending(r => r.LastName, StringComparer.Ordinal)
            .ThenByDescending(r => r.Id, Comparer<string>.Create(CompareIds)).Select(r => r.Id).ToList();

        (await ws.Client.IdsAsync("contacts", null, "lastName")).ShouldBe(ascending);
        (await ws.Client.IdsAsync("contacts", null, "-lastName")).ShouldBe(descending);
        (await ws.Client.IdsAsync("contacts", null, "lastName,id")).ShouldBe(ascending);
        (await ws.Client.IdsAsync("contacts", null, "lastName,-createdAt")).ShouldBe(
            rows.Select((r, i) => (r.Id, r.LastName, Order: i)).OrderBy(r => r.LastName is null).ThenBy(r => r.LastName, StringComparer.Ordinal)
                .ThenByDescending(r => r.Order).Select(r => r.Id).ToList());
        // The same orders page by page.
        (await ws.Client.ListAllAsync("contacts", sort: "lastName", limit: 3)).Select(r => r.Id()).ShouldBe(ascending);
        (await ws.Client.ListAllAsync("contacts", sort: "-lastName", limit: 2, search: true)).Select(r => r.Id()).ShouldBe(descending);
    }

    [Fact]
    public async Task Paging_sees_every_record_once_in_order()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var names = new[] { "Adams", "Brown", null, "Clark", "Brown" };
        var rows = new List<(string Id, string? LastName)>();
        for (var i = 0; i < 25; i++)
            rows.Add(((await ws.Client.CreateContactAsync(new { firstName = $"P{i:00}", lastName = names[i % names.Length] })).Id(), names[i % names.Length]));

        var newestFirst = Enumerable.Reverse(rows).Select(r => r.Id).ToList();
        var byName = rows.OrderBy(r => r.LastName is null).ThenBy(r => r.LastName, StringComparer.Ordinal)
            .ThenBy(r => r.Id, Comparer<string>.Create(CompareIds)).Select(r => r.Id).ToList();

        (await ws.Client.ListAllAsync("contacts", limit: 4)).Select(r => r.Id()).ShouldBe(newestFirst);
        (await ws.Client.ListAllAsync("contacts", limit: 4, search: true)).Select(r => r.Id()).ShouldBe(newestFirst);
        (await ws.Client.ListAllAsync("contacts", sort: "lastName", limit: 4)).Select(r => r.Id()).ShouldBe(byName);
        var filter = """{"lastName":{"neq":"Brown"}}""";
        (await ws.Client.ListAllAsync("contacts", filter, "lastName", limit: 4, search: true)).Select(r => r.Id())
            .ShouldBe(byName.Where(id => rows.Single(r => r.Id == id).LastName != "Brown"));

        // 25 rows in pages of 4 is 7 pages, the last one holding a single row; a cursor from GET continues in POST /search.
        var first = await ws.Client.GetPageAsync("contacts", sort: "lastName", limit: 4);
        first.Ids.ShouldBe(byName.Take(4));
        var second = await ws.Client.SearchPageAsync("contacts", sort: "lastName", limit: 4, cursor: first.NextCursor);
        second.Ids.ShouldBe(byName.Skip(4).Take(4));
        var exact = await ws.Client.GetPageAsync("contacts", limit: 25);
        exact.Ids.Count.ShouldBe(25);
        exact.NextCursor.ShouldBeNull();
    }

    [Fact]
    public async Task A_cursor_only_continues_its_own_listing()
    {
        var ws = await fixture.NewWorkspaceAsync();
        for (var i = 0; i < 3; i++) await ws.Client.CreateContactAsync(new { firstName = "Ada", lastName = $"L{i}" });
        var filter = """{"firstName":{"eq":"Ada"}}""";
        var cursor = (await ws.Client.GetPageAsync("contacts", filter, "lastName", 1)).NextCursor;
        cursor.ShouldNotBeNull();
        (await ws.Client.GetPageAsync("contacts", filter, "lastName", 1, cursor)).Items.Count.ShouldBe(1);
        // The limit may change between pages.
        (await ws.Client.GetPageAsync("contacts", filter, "lastName", 5, cursor)).Items.Count.ShouldBe(2);

        var otherFilter = await ws.Client.GetAsync(ListUrl("contacts", """{"firstName":{"eq":"Eve"}}""", "lastName", 1, cursor));
        await otherFilter.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "cursor");
        await (await ws.Client.GetAsync(ListUrl("contacts", null, "lastName", 1, cursor))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "cursor");
        await (await ws.Client.GetAsync(ListUrl("contacts", filter, "-lastName", 1, cursor))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "cursor");
        await (await ws.Client.GetAsync(ListUrl("contacts", filter, null, 1, cursor))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "cursor");
        await (await ws.Client.PostAsync("/api/v1/contacts/search", SearchBody(filter, "firstName", 1, cursor)))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "cursor");
        await (await ws.Client.PostAsync("/api/v1/companies/search", SearchBody(null, "createdAt", 1, cursor)))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "cursor");
        await (await ws.Client.GetAsync(ListUrl("contacts", filter, "lastName", 1, "not-a-cursor"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "cursor");
        await (await ws.Client.GetAsync(ListUrl("contacts", filter, "lastName", 1, cursor[..^2]))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "cursor");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(201)]
    public async Task A_limit_outside_1_to_200_is_rejected(int limit)
    {
        var ws = await fixture.NewWorkspaceAsync();
        await (await ws.Client.GetAsync(ListUrl("contacts", limit: limit))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "limit");
        await (await ws.Client.PostAsync("/api/v1/contacts/search", SearchBody(limit: limit))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "limit");
        await (await ws.Client.GetAsync(ListUrl("companies", limit: limit))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "limit");
        (await ws.Client.GetAsync(ListUrl("contacts", limit: limit is 201 ? 200 : 1))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("""{"nickname":{"eq":"x"}}""", "filter.nickname")]
    [InlineData("""{"lastName":{"between":["A","B"]}}""", "filter.lastName.between")]
    [InlineData("""{"tags":{"eq":"vip"}}""", "filter.tags.eq")]
    [InlineData("""{"lifecycleStage":{"eq":"whale"}}""", "filter.lifecycleStage.eq")]
    [InlineData("""{"createdAt":{"gt":"yesterday"}}""", "filter.createdAt.gt")]
    [InlineData("""{"lastName":{"in":[]}}""", "filter.lastName.in")]
    [InlineData("""{"and":[{"lastName":{"eq":"A"}},{"company.nope":{"eq":"x"}}]}""", "filter.and[1].company.nope")]
    [InlineData("""{"or":[]}""", "filter.or")]
    [InlineData("""{"not":{"lastName":{"eq":null}}}""", "filter.not.lastName.eq")]
    [InlineData("""["lastName"]""", "filter")]
    public async Task An_invalid_filter_is_400_naming_the_field(string filter, string field)
    {
        var ws = await fixture.NewWorkspaceAsync();
        var viaGet = await (await ws.Client.GetAsync(ListUrl("contacts", filter))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, field);
        var viaSearch = await (await ws.Client.PostAsync("/api/v1/contacts/search", SearchBody(filter)))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, field);
        viaSearch.GetProperty("errors").GetRawText().ShouldBe(viaGet.GetProperty("errors").GetRawText());
    }

    [Fact]
    public async Task Malformed_requests_are_400_not_5xx()
    {
        var ws = await fixture.NewWorkspaceAsync();
        await (await ws.Client.GetAsync(ListUrl("contacts", "{\"lastName\":"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "filter");
        await (await ws.Client.GetAsync(ListUrl("contacts", "lastName=Smith"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "filter");
        await (await ws.Client.GetAsync(ListUrl("contacts", sort: "nickname"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "sort");
        await (await ws.Client.GetAsync(ListUrl("contacts", sort: "tags"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "sort");
        await (await ws.Client.GetAsync(ListUrl("contacts", sort: "lifecycleStage"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "sort");
        await (await ws.Client.GetAsync(ListUrl("contacts", sort: "lastName,,id"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "sort");
        (await ws.Client.GetAsync("/api/v1/contacts?limit=ten")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        await (await ws.Client.PostAsync("/api/v1/contacts/search", Json("{\"filter\":"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await ws.Client.PostAsync("/api/v1/contacts/search", Json("""{"where":{}}"""))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "where");
        await (await ws.Client.PostAsync("/api/v1/contacts/search", Json("""{"sort":"lastName"}"""))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "sort");
        await (await ws.Client.PostAsync("/api/v1/contacts/search", Json("""{"limit":"10"}"""))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "limit");
        await (await ws.Client.PostAsync("/api/v1/contacts/search", Json("""{"filter":"lastName"}"""))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "filter");
        await (await ws.Client.PostAsync("/api/v1/contacts/search", Json("""{"sort":["nickname"]}"""))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "sort");
        await (await ws.Client.PostAsync("/api/v1/contacts/search", Json("{}", "text/plain"))).ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
        (await ws.Client.PostAsync("/api/v1/contacts/search", Json("""{"filter":null,"sort":null,"limit":null,"cursor":null}""")))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ContactListSqliteTests(SqliteApiFixture fixture) : ContactListTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ContactListPostgresTests(PostgresApiFixture fixture) : ContactListTests(fixture);
