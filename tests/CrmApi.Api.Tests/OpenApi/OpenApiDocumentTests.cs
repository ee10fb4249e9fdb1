using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmApi.Api.Tests.Infrastructure;

namespace CrmApi.Api.Tests.OpenApi;

/// <summary>
/// openapi/v1.json is an approval file: the served document must equal it. With CRM_ACCEPT_OPENAPI=1
/// (scripts/accept-openapi.sh) the test rewrites it instead.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class OpenApiDocumentTests(SqliteApiFixture fixture)
{
    private static readonly string CommittedPath = Path.Combine(RepositoryRoot(), "openapi", "v1.json");

    [Fact]
    public async Task Served_document_matches_the_committed_one()
    {
        var served = await ServedAsync();
        if (Environment.GetEnvironmentVariable("CRM_ACCEPT_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(CommittedPath, served);
            return;
        }
        File.Exists(CommittedPath).ShouldBeTrue("openapi/v1.json is missing: run scripts/accept-openapi.sh");
        var committed = await File.ReadAllTextAsync(CommittedPath);
        served.ShouldBe(committed, "The API's OpenAPI document changed: review it and run scripts/accept-openapi.sh");
    }

    [Fact]
    public async Task Document_is_ready_for_client_generators()
    {
        var doc = JsonNode.Parse(await ServedAsync())!;
        doc["openapi"]!.GetValue<string>().ShouldStartWith("3.1");
        doc["servers"].ShouldBeNull();
        var operations = doc["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject()).ToList();
        operations.Count.ShouldBeGreaterThan(20);
        foreach (var (method, op) in operations)
        {
            op!["operationId"].ShouldNotBeNull($"{method} has no operationId");
            op["summary"].ShouldNotBeNull($"{op["operationId"]} has no summary");
            op["tags"]!.AsArray().Count.ShouldBe(1);
            op["security"].ShouldNotBeNull($"{op["operationId"]} declares no security");
        }
        var lifecycle = doc["components"]!["schemas"]!["LifecycleStage"]!;
        lifecycle.ToJsonString().ShouldContain("\"string\"");
        var revenue = doc["components"]!["schemas"]!["CompanyDto"]!["properties"]!["annualRevenue"]!;
        revenue.ToJsonString().ShouldContain("\"decimal\"");
        var version = doc["components"]!["schemas"]!["ContactDto"]!["properties"]!["version"]!;
        version["type"]!.ToJsonString().ShouldBe("\"integer\"");
    }

    private async Task<string> ServedAsync()
    {
        using var client = fixture.Anonymous();
        var response = await client.GetAsync("/openapi/v1.json");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var node = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CrmApi.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("CrmApi.sln not found above the test binaries.");
    }
}
