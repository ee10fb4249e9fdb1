using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmApi.Application.Common;

/// <summary>
/// Turns a client's JSON object into a typed input, reporting read-only, unknown and mistyped properties as
/// validation errors that name the field path.
/// </summary>
public static class JsonInput
{
    /// <summary>Properties the server owns; a body that sets them is rejected, not silently ignored.</summary>
    public static readonly IReadOnlySet<string> ReadOnlyProperties =
        new HashSet<string>(StringComparer.Ordinal) { "id", "workspaceId", "version", "createdAt", "updatedAt", "deletedAt" };

    public static Result<T> Read<T>(JsonObject body) where T : class
    {
        if (ReadOnlyViolations(body) is { Count: > 0 } readOnly) return Result<T>.Fail(readOnly);

        try
        {
            var value = body.Deserialize<T>(CrmJson.Options);
            return value is null ? Error.Validation("", "The body must be a JSON object.") : Result<T>.Ok(value);
        }
        catch (JsonException ex)
        {
            return Describe(ex);
        }
    }

    public static List<Error> ReadOnlyViolations(JsonObject body) => body.Select(p => p.Key).Where(ReadOnlyProperties.Contains)
        .Select(k => Error.Validation(k, $"'{k}' is read-only and cannot be set.")).ToList();

    /// <summary>An input as a JSON object, the target a merge patch applies to.</summary>
    public static JsonObject Serialize<T>(T input) => JsonSerializer.SerializeToNode(input, CrmJson.Options)!.AsObject();

    private static Error Describe(JsonException ex)
    {
        var path = ToFieldPath(ex.Path);
        // The serializer names the unmapped property only in its message: "The JSON property 'x' could not be mapped ...".
        const string unmapped = "The JSON property '";
        if (ex.Message.StartsWith(unmapped, StringComparison.Ordinal))
        {
            var end = ex.Message.IndexOf('\'', unmapped.Length);
            var name = end > 0 ? ex.Message[unmapped.Length..end] : "?";
            var field = string.IsNullOrEmpty(path) || path.EndsWith(name, StringComparison.Ordinal) ? path : $"{path}.{name}";
            if (string.IsNullOrEmpty(field)) field = name;
            return Error.Validation(field, $"Unknown property '{name}'.");
        }
        return Error.Validation(path, $"The value at '{(path.Length == 0 ? "$" : path)}' has the wrong type or format.");
    }

    /// <summary><c>$.emails[0].value</c> → <c>emails[0].value</c>.</summary>
    public static string ToFieldPath(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$") return "";
        var p = jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
        return p.Replace("['", ".", StringComparison.Ordinal).Replace("']", "", StringComparison.Ordinal).TrimStart('.');
    }
}
