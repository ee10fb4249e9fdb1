using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace CrmApi.Api.Tests.BadInput;

/// <summary>
/// Assertions on RFC 9457 problem details as this API writes them, shared by the bad-input, security and platform
/// suites: the media type, a stable <c>urn:crmapi:problem:</c> type, title, status, detail, trace id and, for
/// validation, <c>errors: [{field, message}]</c>.
/// </summary>
public static class ProblemAssertions
{
    public const string TypePrefix = "urn:crmapi:problem:";

    public static StringContent Json(string json, string mediaType = "application/json") => new(json, Encoding.UTF8, mediaType);

    public static HttpRequestMessage Request(HttpMethod method, string url, string? json = null, string mediaType = "application/json")
        => new(method, url) { Content = json is null ? null : Json(json, mediaType) };

    /// <summary>
    /// Asserts a problem response with the given status and code and returns its body.
    /// </summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, $"Body: {text}");
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", $"Body: {text}");
        var body = JsonDocument.Parse(text).RootElement.Clone();
        body.ValueKind.ShouldBe(JsonValueKind.Object);
        String(body, "type").ShouldBe(TypePrefix + code, $"Body: {text}");
        String(body, "title").ShouldNotBeNullOrWhiteSpace($"Body: {text}");
        body.TryGetProperty("status", out var s).ShouldBeTrue($"no status in {text}");
        s.GetInt32().ShouldBe((int)status);
        String(body, "detail").ShouldNotBeNullOrWhiteSpace($"Body: {text}");
        String(body, "traceId").ShouldNotBeNullOrWhiteSpace($"Body: {text}");
        return body;
    }

    /// <summary>Asserts a 400 validation problem whose errors name every one of <paramref name="fields"/>; returns the errors.</summary>
    public static async Task<IReadOnlyList<(string Field, string Message)>> ShouldBeValidationAsync(
        this HttpResponseMessage response, params string[] fields)
    {
        var body = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        var errors = Errors(body);
        errors.ShouldNotBeEmpty($"no errors in {body}");
        foreach (var field in fields)
            errors.Select(e => e.Field).ShouldContain(field, $"Errors: {body.GetProperty("errors")}");
        return errors;
    }

    public static IReadOnlyList<(string Field, string Message)> Errors(JsonElement body)
    {
        if (!body.TryGetProperty("errors", out var errors)) return [];
        errors.ValueKind.ShouldBe(JsonValueKind.Array);
        return [.. errors.EnumerateArray().Select(e =>
        {
            var field = e.GetProperty("field").GetString();
            var message = e.GetProperty("message").GetString();
            field.ShouldNotBeNull();
            message.ShouldNotBeNullOrWhiteSpace();
            return (field!, message!);
        })];
    }

    public static void ShouldHaveJsonMediaType(this HttpContentHeaders headers)
        => headers.ContentType?.MediaType.ShouldBe("application/json");

    private static string? String(JsonElement body, string name)
        => body.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
}

/// <summary>Sends requests that must be refused and proves the workspace holds exactly what it held before.</summary>
public static class RejectedRequests
{
    public static async Task<HttpResponseMessage> SendUnchangedAsync(this Infrastructure.TestWorkspace ws, HttpRequestMessage request,
        HttpClient? client = null)
    {
        var before = await ws.FingerprintAsync();
        var response = await (client ?? ws.Client).SendAsync(request);
        var after = await ws.FingerprintAsync();
        (after == before).ShouldBeTrue(
            $"{request.Method} {request.RequestUri} answered {(int)response.StatusCode} but changed the workspace.\nBefore: {before}\nAfter:  {after}");
        return response;
    }

    public static Task<HttpResponseMessage> SendUnchangedAsync(this Infrastructure.TestWorkspace ws, HttpMethod method, string url,
        string? json = null, string mediaType = "application/json")
        => ws.SendUnchangedAsync(ProblemAssertions.Request(method, url, json, mediaType));

    /// <summary>Creates a record and returns its id.</summary>
    public static async Task<string> CreateAsync(this Infrastructure.TestWorkspace ws, string path, string json)
    {
        using var response = await ws.Client.PostAsync(path, ProblemAssertions.Json(json));
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
    }
}
