using System.Text.Json.Nodes;
using CrmApi.Api.Tests.Infrastructure;

namespace CrmApi.Api.Tests.Idempotency;

/// <summary>The document offers Idempotency-Key on every write under /api/v1, and nowhere else.</summary>
[Collection(SqliteCollection.Name)]
public sealed class IdempotencyOpenApiTests(SqliteApiFixture fixture)
{
    private static readonly string[] Writes = ["post", "patch", "put", "delete"];

    [Fact]
    public async Task Every_write_documents_the_key_and_its_409_and_422()
    {
        using var client = fixture.Anonymous();
        var doc = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
        var operations = doc["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(o => (Path: p.Key, Method: o.Key, Operation: o.Value!)))
            .ToList();
        operations.Count(o => Writes.Contains(o.Method)).ShouldBeGreaterThan(10);
        foreach (var (path, method, operation) in operations)
        {
            var key = operation["parameters"]?.AsArray().SingleOrDefault(p => p!["name"]!.GetValue<string>() == "Idempotency-Key");
            if (!Writes.Contains(method) || !path.StartsWith("/api/v1/", StringComparison.Ordinal))
            {
                key.ShouldBeNull($"{method} {path}");
                continue;
            }
            key.ShouldNotBeNull($"{method} {path}");
            key["in"]!.GetValue<string>().ShouldBe("header");
            (key["required"]?.GetValue<bool>() ?? false).ShouldBeFalse();
            key["schema"]!["maxLength"]!.GetValue<int>().ShouldBe(255);
            operation["responses"]!["409"].ShouldNotBeNull($"{method} {path}");
            operation["responses"]!["422"]!["content"]!["application/problem+json"].ShouldNotBeNull($"{method} {path}");
        }
    }
}
