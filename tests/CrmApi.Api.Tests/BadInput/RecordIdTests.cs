using System.Net;
using CrmApi.Api.Tests.Infrastructure;

namespace CrmApi.Api.Tests.BadInput;

/// <summary>Ids that are not UUIDs, or name nothing, are 404 problems on every record route, and change nothing.</summary>
public abstract class RecordIdTests(ApiFixture fixture)
{
    public static TheoryData<string, string> NotUuidRoutes => new()
    {
        { "GET", "/api/v1/contacts/not-a-uuid" },
        { "PATCH", "/api/v1/contacts/not-a-uuid" },
        { "DELETE", "/api/v1/contacts/not-a-uuid" },
        { "POST", "/api/v1/contacts/not-a-uuid/restore" },
        { "GET", "/api/v1/companies/123" },
        { "PATCH", "/api/v1/companies/123" },
        { "DELETE", "/api/v1/companies/123" },
        { "GET", "/api/v1/companies/123/contacts" },
        { "DELETE", "/api/v1/api-keys/not-a-uuid" },
    };

    [Theory]
    [MemberData(nameof(NotUuidRoutes))]
    public async Task An_id_that_is_not_a_uuid_is_a_404_problem(string method, string url)
    {
        var ws = await fixture.NewWorkspaceAsync();
        await ws.CreateAsync("/api/v1/contacts", """{"firstName":"Ada"}""");
        using var response = await ws.SendUnchangedAsync(new HttpMethod(method), url,
            method == "PATCH" ? """{"firstName":"Bob"}""" : null, "application/merge-patch+json");
        // No route matches, so the framework writes this problem (see PlatformTests.Framework_problems_have_a_detail_and_field_errors).
        var body = await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        body.GetProperty("type").GetString()!.ShouldEndWith("not-found");
    }

    [Theory]
    [InlineData("contacts", """{"firstName":"Bob"}""")]
    [InlineData("companies", """{"name":"Other"}""")]
    public async Task An_unknown_uuid_is_a_404_problem_on_every_record_route(string path, string patch)
    {
        var ws = await fixture.NewWorkspaceAsync();
        await ws.CreateAsync($"/api/v1/{path}", patch);
        var url = $"/api/v1/{path}/{Guid.NewGuid()}";

        foreach (var (method, target, json) in new (HttpMethod, string, string?)[]
                 {
                     (HttpMethod.Get, url, null),
                     (HttpMethod.Patch, url, patch),
                     (HttpMethod.Delete, url, null),
                     (HttpMethod.Post, $"{url}/restore", null),
                     (HttpMethod.Get, $"/api/v1/{path}/by-external-id/shop/nope", null),
                 })
        {
            using var response = await ws.SendUnchangedAsync(method, target, json);
            var body = await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
            body.GetProperty("detail").GetString()!.ShouldContain(path == "contacts" ? "contact" : "company");
        }
    }

    [Fact]
    public async Task A_deleted_record_is_404_until_restored()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var id = await ws.CreateAsync("/api/v1/contacts", """{"firstName":"Ada"}""");
        (await ws.Client.DeleteAsync($"/api/v1/contacts/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        using var get = await ws.Client.GetAsync($"/api/v1/contacts/{id}");
        await get.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        using var patch = await ws.SendUnchangedAsync(HttpMethod.Patch, $"/api/v1/contacts/{id}", """{"firstName":"Bob"}""");
        await patch.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        using var delete = await ws.SendUnchangedAsync(HttpMethod.Delete, $"/api/v1/contacts/{id}");
        await delete.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class RecordIdSqliteTests(SqliteApiFixture fixture) : RecordIdTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class RecordIdPostgresTests(PostgresApiFixture fixture) : RecordIdTests(fixture);
