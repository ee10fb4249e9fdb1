using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CrmApi.Application.Querying;

/// <summary>
/// Reads JSON literals into a field's CLR type and writes them back. Filters and cursors share it, so a value
/// written into a cursor reads back as exactly the value that was written.
/// </summary>
internal static partial class FieldValues
{
    private const string UtcFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
    private const string DateFormat = "yyyy-MM-dd";

    /// <summary>
    /// Reads one literal. <paramref name="normalize"/> applies the field's normaliser to strings; cursors skip it, as
    /// they carry stored values that must be compared as they are.
    /// </summary>
    private static bool IsStorableString(JsonElement json)
    {
        try
        {
            return Common.JsonInput.IsStorable(json.GetString()!);
        }
        catch (InvalidOperationException)
        {
            return false; // invalid UTF-16 in the JSON text
        }
    }

    public static bool TryRead(FieldDefinition field, JsonElement json, bool normalize, out object value, out string error)
    {
        value = null!;
        error = "";
        if (json.ValueKind == JsonValueKind.String && !IsStorableString(json))
        {
            // No stored text can hold these, and PostgreSQL refuses them outright.
            error = "The text contains U+0000 or an unpaired surrogate.";
            return false;
        }
        var type = field.LiteralType;
        switch (field.Type)
        {
            case FieldType.String or FieldType.StringSet when json.ValueKind == JsonValueKind.String:
                var text = json.GetString()!;
                value = normalize && field.Normalizer is not null ? field.Normalizer(text) : text;
                return true;
            case FieldType.Integer when json.ValueKind == JsonValueKind.Number && json.TryGetDecimal(out var whole)
                && whole == decimal.Truncate(whole) && Fits(whole, type):
                value = Convert.ChangeType(whole, type, CultureInfo.InvariantCulture);
                return true;
            // A literal no stored value can have (over 4 decimals, beyond 10^14) is refused rather than rounded.
            case FieldType.Decimal when json.ValueKind == JsonValueKind.Number && json.TryGetDecimal(out var number)
                && Common.Validation.Rules.IsStorableDecimal(number):
                value = number;
                return true;
            case FieldType.DateTime when json.ValueKind == JsonValueKind.String && IsoDateTime().IsMatch(json.GetString()!)
                && DateTimeOffset.TryParse(json.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant):
                // Stored instants are UTC; a literal in UTC compares the same on every provider.
                value = instant.ToUniversalTime();
                return true;
            case FieldType.Date when json.ValueKind == JsonValueKind.String
                && DateOnly.TryParseExact(json.GetString(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date):
                value = date;
                return true;
            case FieldType.Boolean when json.ValueKind is JsonValueKind.True or JsonValueKind.False:
                value = json.GetBoolean();
                return true;
            case FieldType.Enum when json.ValueKind == JsonValueKind.String && field.TryParseEnum(json.GetString()!, out var member):
                value = member;
                return true;
            case FieldType.Uuid when json.ValueKind == JsonValueKind.String && Guid.TryParse(json.GetString(), out var id):
                value = id;
                return true;
        }
        error = $"Field '{field.Name}' expects {Expectation(field)}; got {Describe(json)}.";
        return false;
    }

    public static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string s: writer.WriteStringValue(s); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case short or int or long: writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
            case decimal d: writer.WriteNumberValue(d); break;
            case DateTimeOffset t: writer.WriteStringValue(t.UtcDateTime.ToString(UtcFormat, CultureInfo.InvariantCulture)); break;
            case DateOnly d: writer.WriteStringValue(d.ToString(DateFormat, CultureInfo.InvariantCulture)); break;
            case Guid g: writer.WriteStringValue(g.ToString("D")); break;
            case Enum e: writer.WriteStringValue(QueryNames.CamelCase(e.ToString())); break;
            case RelativeDuration d: writer.WriteStringValue(d.ToString()); break;
            default: throw new NotSupportedException($"A {value.GetType().Name} is not a query literal.");
        }
    }

    private static bool Fits(decimal value, Type type) => type == typeof(int)
        ? value is >= int.MinValue and <= int.MaxValue
        : type == typeof(short) ? value is >= short.MinValue and <= short.MaxValue : value is >= long.MinValue and <= long.MaxValue;

    private static string Expectation(FieldDefinition field) => field.Type switch
    {
        FieldType.String or FieldType.StringSet => "a string",
        FieldType.Integer when field.LiteralType == typeof(int) => $"a whole number between {int.MinValue} and {int.MaxValue}",
        FieldType.Integer when field.LiteralType == typeof(short) => $"a whole number between {short.MinValue} and {short.MaxValue}",
        FieldType.Integer => "a whole number",
        FieldType.Decimal => "a number below 10^14 with at most 4 decimal places",
        FieldType.DateTime => "an ISO 8601 date-time string with an offset or Z, such as \"2025-01-31T09:30:00Z\"",
        FieldType.Date => "a date string (YYYY-MM-DD), such as \"2025-01-31\"",
        FieldType.Boolean => "true or false",
        FieldType.Enum => $"one of {string.Join(", ", field.EnumValues!)}",
        FieldType.Uuid => "a UUID string such as \"0192f5a4-7c1e-7d3a-9b8e-4f2a1c3d5e6f\"",
        _ => "a value",
    };

    public static string Describe(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{Truncate(json.GetString()!)}\"",
        JsonValueKind.Number => $"the number {Truncate(json.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => json.GetRawText(),
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "nothing",
    };

    private static string Truncate(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");

    // DateTimeOffset.TryParse alone would take a date without a time or offset and read it in the server's zone.
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDateTime();
}
