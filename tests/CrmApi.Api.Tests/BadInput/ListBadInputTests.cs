using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmApi.Api.Tests.Infrastructure;

namespace CrmApi.Api.Tests.BadInput;

/// <summary>List and search parameters that must be refused with a 400 naming the parameter (or the filter path).</summary>
public abstract class ListBadInputTests(ApiFixture fixture)
{
    private static string Filter(string json) => "filter=" + Uri.EscapeDataString(json);

    private static string Nested(int depth)
    {
        var json = """{"lastName":{"eq":"x"}}""";
        for (var i = 1; i < depth; i++) json = $$"""{"not":{{json}}}""";
        return json;
    }

    private async Task<IReadOnlyList<(string Field, string Message)>> ListRejected(string query, string path = "/api/v1/contacts")
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var response = await ws.Client.GetAsync($"{path}?{query}");
        return await response.ShouldBeValidationAsync();
    }

    [Theory]
    [InlineData("""{"nope":{"eq":"x"}}""", "filter.nope", "Unknown field")]
    [InlineData("""{"LastName":{"eq":"x"}}""", "filter.LastName", "Did you mean 'lastName'")]
    [InlineData("""{"lastName":{"like":"x"}}""", "filter.lastName.like", "Unknown operator")]
    [InlineData("""{"tags":{"startsWith":"x"}}""", "filter.tags.startsWith", "not allowed")]
    [InlineData("""{"createdAt":{"gt":"yesterday"}}""", "filter.createdAt.gt", "")]
    [InlineData("""{"lastName":"Smith"}""", "filter.lastName", "Expected an object of operators")]
    [InlineData("""{"and":[]}""", "filter.and", "non-empty array")]
    [InlineData("""{"or":[{"lastName":{"eq":"a"}},{"nope":{"eq":"b"}}]}""", "filter.or[1].nope", "Unknown field")]
    [InlineData("""{"lastName":{"in":[]}}""", "filter.lastName.in", "non-empty array")]
    [InlineData("""{"company.nope":{"eq":"x"}}""", "filter.company.nope", "Unknown field")]
    [InlineData("[1,2]", "filter", "filter object")]
    [InlineData("""{"lastName":""", "filter", "not valid JSON")]
    public async Task Invalid_filters_are_400_naming_the_path(string filter, string field, string message)
    {
        var errors = await ListRejected(Filter(filter));
        errors[0].Field.ShouldBe(field);
        errors[0].Message.ShouldContain(message);
    }

    [Fact]
    public async Task A_filter_nested_deeper_than_10_levels_is_400()
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var ten = await ws.Client.GetAsync($"/api/v1/contacts?{Filter(Nested(10))}");
        ten.StatusCode.ShouldBe(HttpStatusCode.OK);

        var errors = await ListRejected(Filter(Nested(11)));
        errors.Count.ShouldBe(1);
        errors[0].Field.ShouldStartWith("filter.not");
        errors[0].Message.ShouldContain("nested too deeply");
    }

    [Fact]
    public async Task A_filter_with_more_than_100_conditions_is_400()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var hundred = "{\"or\":[" + string.Join(",", Enumerable.Range(0, 100).Select(i => $$$"""{"lastName":{"eq":"n{{{i}}}"}}""")) + "]}";
        using var ok = await ws.Client.PostAsync("/api/v1/contacts/search", ProblemAssertions.Json($$"""{"filter":{{hundred}}}"""));
        ok.StatusCode.ShouldBe(HttpStatusCode.OK);

        var json = "{\"or\":[" + string.Join(",", Enumerable.Range(0, 101).Select(i => $$$"""{"lastName":{"eq":"n{{{i}}}"}}""")) + "]}";
        using var response = await ws.Client.PostAsync("/api/v1/contacts/search", ProblemAssertions.Json($$"""{"filter":{{json}}}"""));
        var errors = await response.ShouldBeValidationAsync("filter");
        errors.Count.ShouldBe(1);
        errors[0].Message.ShouldContain("too many conditions");
    }

    [Theory]
    [InlineData("cursor=not-a-cursor")]
    [InlineData("cursor=eyJrIjpbMV0sImIiOiJ4In0")]
    [InlineData("cursor=%25%25%25")]
    public async Task A_bad_cursor_is_400(string query)
    {
        var errors = await ListRejected(query);
        errors[0].Field.ShouldBe("cursor");
        errors[0].Message.ShouldContain("cursor");
    }

    [Fact]
    public async Task A_cursor_replayed_with_another_filter_is_400()
    {
        var ws = await fixture.NewWorkspaceAsync();
        await ws.CreateAsync("/api/v1/contacts", """{"lastName":"A"}""");
        await ws.CreateAsync("/api/v1/contacts", """{"lastName":"B"}""");
        var first = await ws.Client.GetFromJsonAsync<JsonElement>("/api/v1/contacts?limit=1");
        var cursor = first.GetProperty("nextCursor").GetString()!;

        using var response = await ws.Client.GetAsync(
            $"/api/v1/contacts?limit=1&cursor={Uri.EscapeDataString(cursor)}&{Filter("""{"lastName":{"eq":"B"}}""")}");
        var errors = await response.ShouldBeValidationAsync("cursor");
        errors[0].Message.ShouldContain("different filter or sort");
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=201")]
    [InlineData("limit=-5")]
    public async Task A_limit_out_of_range_is_400(string query)
    {
        var errors = await ListRejected(query);
        errors[0].Field.ShouldBe("limit");
        errors[0].Message.ShouldContain("between 1 and 200");
    }

    [Fact]
    public async Task A_limit_that_is_not_a_number_is_400()
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var response = await ws.Client.GetAsync("/api/v1/contacts?limit=abc");
        // The framework binds limit before our handler runs (see Framework_problems_have_a_detail_and_field_errors).
        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
    }

    [Theory]
    [InlineData("sort=nope", "Unknown sort field")]
    [InlineData("sort=lifecycleStage", "cannot be sorted")]
    [InlineData("sort=lastName,lastName", "more than once")]
    [InlineData("sort=lastName,", "empty field")]
    [InlineData("sort=a,b,c,d,e,f", "At most 5")]
    public async Task An_invalid_sort_is_400(string query, string message)
    {
        var errors = await ListRejected(query);
        errors[0].Field.ShouldBe("sort");
        errors[0].Message.ShouldContain(message);
    }

    [Fact]
    public async Task Every_invalid_parameter_is_reported_at_once()
    {
        var errors = await ListRejected($"limit=0&sort=nope&{Filter("""{"nope":{"eq":1}}""")}", "/api/v1/companies");
        errors.Select(e => e.Field).ShouldBe(["limit", "filter.nope", "sort"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("""{"filter":{"nope":{"eq":"x"}}}""", "filter.nope")]
    [InlineData("""{"limit":"10"}""", "limit")]
    [InlineData("""{"limit":500}""", "limit")]
    [InlineData("""{"sort":"lastName"}""", "sort")]
    [InlineData("""{"sort":["nope"]}""", "sort")]
    [InlineData("""{"query":"x"}""", "query")]
    [InlineData("""{"cursor":"garbage"}""", "cursor")]
    public async Task Invalid_search_bodies_are_400_naming_the_field(string json, string field)
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var response = await ws.Client.PostAsync("/api/v1/companies/search", ProblemAssertions.Json(json));
        (await response.ShouldBeValidationAsync(field))[0].Field.ShouldBe(field);
    }

    [Fact]
    public async Task A_malformed_search_body_is_400_malformed_json()
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var response = await ws.Client.PostAsync("/api/v1/contacts/search", ProblemAssertions.Json("""{"filter":"""));
        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "malformed-json");
    }

    [Fact]
    public async Task A_company_contacts_list_validates_like_the_contact_list()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var company = await ws.CreateAsync("/api/v1/companies", """{"name":"Acme"}""");

        using var badFilter = await ws.Client.GetAsync($"/api/v1/companies/{company}/contacts?{Filter("""{"nope":{"eq":1}}""")}");
        (await badFilter.ShouldBeValidationAsync("filter.nope")).Count.ShouldBe(1);
        using var badLimit = await ws.Client.GetAsync($"/api/v1/companies/{company}/contacts?limit=1000");
        await badLimit.ShouldBeValidationAsync("limit");
        using var unknown = await ws.Client.GetAsync($"/api/v1/companies/{Guid.NewGuid()}/contacts");
        await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Theory]
    [InlineData("""{"firstName":{"eq":"a\u0000b"}}""")]
    [InlineData("""{"firstName":{"eq":"a\ud800b"}}""")]
    public async Task Unstorable_text_in_a_search_filter_is_400(string filter)
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var response = await ws.Client.PostAsync("/api/v1/contacts/search", ProblemAssertions.Json($$"""{"filter":{{filter}}}"""));
        await response.ShouldBeValidationAsync("filter.firstName.eq");
    }

    [Theory]
    [InlineData("""{"firstName":{"eq":"a\u0000b"}}""")]
    [InlineData("""{"firstName":{"eq":"a\ud800b"}}""")]
    public async Task Unstorable_text_in_a_query_string_filter_is_400(string filter)
    {
        var errors = await ListRejected(Filter(filter));
        errors[0].Field.ShouldBe("filter.firstName.eq");
    }

    [Fact]
    public async Task A_crafted_cursor_with_unstorable_text_is_400()
    {
        var ws = await fixture.NewWorkspaceAsync();
        await ws.CreateAsync("/api/v1/contacts", """{"lastName":"A"}""");
        await ws.CreateAsync("/api/v1/contacts", """{"lastName":"B"}""");
        var page = await ws.Client.GetFromJsonAsync<JsonElement>("/api/v1/contacts?limit=1&sort=lastName");
        var cursor = page.GetProperty("nextCursor").GetString()!;
        var issued = JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(cursor)).RootElement;
        var crafted = $$"""{"k":["a\u0000",{{issued.GetProperty("k")[1].GetRawText()}}],"b":"{{issued.GetProperty("b").GetString()}}"}""";
        var encoded = System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(crafted));

        using var response = await ws.Client.GetAsync($"/api/v1/contacts?limit=1&sort=lastName&cursor={encoded}");
        await response.ShouldBeValidationAsync("cursor");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ListBadInputSqliteTests(SqliteApiFixture fixture) : ListBadInputTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ListBadInputPostgresTests(PostgresApiFixture fixture) : ListBadInputTests(fixture);
