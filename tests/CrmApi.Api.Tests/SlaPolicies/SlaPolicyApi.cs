using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmApi.Api.Tests.Contacts;
using CrmApi.Api.Tests.Deals;

namespace CrmApi.Api.Tests.SlaPolicies;

/// <summary>SLA policy bodies for the contract tests: one valid policy, and that policy with one value changed.</summary>
public static class SlaPolicyApi
{
    public const string Calendar = """
        {"timeZone":"Europe/Berlin",
         "weeklyHours":{"monday":[{"start":"09:00","end":"12:30"},{"start":"12:30","end":"17:00"}],"friday":[{"start":"09:00","end":"24:00"}]},
         "holidays":["2026-12-25","2026-12-24"]}
        """;

    public const string Targets = """
        {"low":{"firstResponseMinutes":480,"resolutionMinutes":2880},
         "normal":{"firstResponseMinutes":240,"resolutionMinutes":1440},
         "high":{"firstResponseMinutes":60,"resolutionMinutes":480},
         "urgent":{"firstResponseMinutes":30,"resolutionMinutes":240}}
        """;

    public static string Body(string name, string? conditions = null, int? position = null)
    {
        var body = new JsonObject { ["name"] = name, ["calendar"] = JsonNode.Parse(Calendar), ["targets"] = JsonNode.Parse(Targets) };
        if (conditions is not null) body["conditions"] = JsonNode.Parse(conditions);
        if (position is not null) body["position"] = position;
        return body.ToJsonString();
    }

    /// <summary>
    /// The valid body with the value at a dotted <paramref name="path"/> (<c>calendar.timeZone</c>) set to the JSON
    /// <paramref name="value"/>, or removed when it is null.
    /// </summary>
    public static string With(string path, string? value)
    {
        var body = JsonNode.Parse(Body("Gold"))!.AsObject();
        var names = path.Split('.');
        var parent = body;
        foreach (var name in names[..^1]) parent = (JsonObject)(parent[name] ??= new JsonObject());
        if (value is null) parent.Remove(names[^1]);
        else parent[names[^1]] = JsonNode.Parse(value);
        return body.ToJsonString();
    }

    public static Task<JsonElement> CreatePolicyAsync(this HttpClient client, string name, string? conditions = null, int? position = null)
        => client.CreateAsync("sla-policies", Body(name, conditions, position));

    /// <summary>The live policies' names in order, checking that positions run 0..n-1.</summary>
    public static async Task<string[]> PolicyNamesAsync(this HttpClient client)
    {
        var response = await client.GetAsync("/api/v1/sla-policies");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var policies = (await response.BodyAsync()).GetProperty("data").EnumerateArray().ToList();
        policies.Select(p => p.GetProperty("position").GetInt32()).ShouldBe(Enumerable.Range(0, policies.Count));
        return [.. policies.Select(p => p.GetProperty("name").GetString()!)];
    }

    public static Task<JsonElement> GetPolicyAsync(this HttpClient client, JsonElement policy)
        => client.GetJsonAsync($"/api/v1/sla-policies/{policy.Id()}");
}
