using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrmApi.Application.Common;

namespace CrmApi.Application.Querying;

/// <summary>
/// The opaque page cursor: base64url of <c>{"k":[sort-key values of the last row],"b":binding}</c>. The binding is a
/// short hash of the object type, the canonical filter and the effective sort, so a cursor replayed with another
/// filter or sort is refused instead of silently skipping or repeating rows.
/// </summary>
internal static class KeysetCursor
{
    private const int MaxLength = 4096;

    public static string Binding(Type entity, FilterNode? filter, IReadOnlyList<SortKey> keys)
    {
        var text = $"{entity.FullName}\n{filter?.ToJson()}\n{string.Join(",", keys)}";
        return Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 9));
    }

    public static string Encode(string binding, IReadOnlyList<SortKey> keys, object row)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("k");
            foreach (var key in keys) FieldValues.Write(writer, key.Field.GetValue(row));
            writer.WriteEndArray();
            writer.WriteString("b", binding);
            writer.WriteEndObject();
        }
        return Base64Url.EncodeToString(buffer.ToArray());
    }

    public static Result<IReadOnlyList<object?>> Decode(string cursor, string binding, IReadOnlyList<SortKey> keys, string path = "cursor")
    {
        const string Invalid = "The cursor is not valid: it was not issued by this API or it was altered. "
            + "Pass the nextCursor of the previous page unchanged, or omit the cursor to start from the first page.";
        if (cursor.Length > MaxLength) return Fail(Invalid);
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(cursor);
        }
        catch (FormatException)
        {
            return Fail(Invalid);
        }
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("b", out var boundTo) || boundTo.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("k", out var values) || values.ValueKind != JsonValueKind.Array)
            {
                return Fail(Invalid);
            }
            if (boundTo.GetString() != binding)
            {
                return Fail("The cursor belongs to a different filter or sort than this request's. A cursor only continues "
                    + "the listing it came from: send the same filter and sort with it, or omit the cursor to start again.");
            }
            if (values.GetArrayLength() != keys.Count) return Fail(Invalid);
            var last = new List<object?>(keys.Count);
            var i = 0;
            foreach (var item in values.EnumerateArray())
            {
                var field = keys[i++].Field;
                if (item.ValueKind == JsonValueKind.Null && field.Nullable) last.Add(null);
                else if (FieldValues.TryRead(field, item, normalize: false, out var value, out _)) last.Add(value);
                else return Fail(Invalid);
            }
            return Result<IReadOnlyList<object?>>.Ok(last);
        }
        catch (JsonException)
        {
            return Fail(Invalid);
        }

        Result<IReadOnlyList<object?>> Fail(string message) => Result<IReadOnlyList<object?>>.Fail(Error.Validation(path, message));
    }
}
