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

    /// <summary>
    /// Text no supported database stores faithfully: U+0000 (PostgreSQL refuses it, SQLite keeps it) and unpaired UTF-16
    /// surrogates (they have no UTF-8 form). One error per offending value or object, named by its field path.
    /// </summary>
    public static List<Error> TextViolations(JsonNode? node)
    {
        var errors = new List<Error>();
        CollectTextViolations(node, "", errors);
        return errors;
    }

    private static void CollectTextViolations(JsonNode? node, string path, List<Error> errors)
    {
        switch (node)
        {
            case JsonObject obj:
                List<KeyValuePair<string, JsonNode?>> properties;
                try
                {
                    properties = [.. obj];
                }
                catch (InvalidOperationException)
                {
                    // A property name that is not valid UTF-16 cannot even be read as a string.
                    errors.Add(Error.Validation(path, $"A property name in '{(path.Length == 0 ? "$" : path)}' is not valid text."));
                    return;
                }
                foreach (var (name, child) in properties)
                {
                    var childPath = path.Length == 0 ? name : $"{path}.{name}";
                    if (IsStorable(name)) CollectTextViolations(child, childPath, errors);
                    else errors.Add(Error.Validation(path, $"A property name in '{(path.Length == 0 ? "$" : path)}' contains U+0000 or an unpaired surrogate."));
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++) CollectTextViolations(array[i], $"{path}[{i}]", errors);
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                string? text;
                try
                {
                    text = value.GetValue<string>();
                }
                catch (InvalidOperationException)
                {
                    text = null;
                }
                if (text is null || !IsStorable(text))
                    errors.Add(Error.Validation(path, $"The text at '{path}' contains U+0000 or an unpaired surrogate, which cannot be stored."));
                break;
        }
    }

    /// <summary>False for text holding U+0000 or an unpaired surrogate (see <see cref="TextViolations"/>).</summary>
    public static bool IsStorable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0' || char.IsLowSurrogate(c)) return false;
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1])) return false;
                i++;
            }
        }
        return true;
    }

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
