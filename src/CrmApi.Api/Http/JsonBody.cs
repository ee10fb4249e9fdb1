using System.Text.Json;
using System.Text.Json.Nodes;
using CrmApi.Application.Common;
using Microsoft.Net.Http.Headers;

namespace CrmApi.Api.Http;

/// <summary>
/// Reads a request body as a JSON object: checks the media type (415), the size (413, 1 MiB), the syntax (400 with
/// line and position, duplicate names included) and that every string can be stored (400), before any use case sees it.
/// </summary>
public static class JsonBody
{
    public const long MaxBytes = 1024 * 1024;
    public const string MergePatch = "application/merge-patch+json";
    public static readonly string[] Json = ["application/json"];
    public static readonly string[] JsonOrMergePatch = ["application/json", MergePatch];

    public static async Task<Result<JsonObject>> ReadObjectAsync(HttpRequest request, IReadOnlyList<string> mediaTypes, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !mediaTypes.Contains(contentType.MediaType.Value, StringComparer.OrdinalIgnoreCase))
        {
            return new Error(ErrorCodes.UnsupportedMediaType,
                $"Send the body as {string.Join(" or ", mediaTypes)} (got '{request.ContentType ?? "nothing"}').");
        }
        if (request.ContentLength > MaxBytes) return TooLarge();

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes) return TooLarge();
            buffer.Write(chunk, 0, read);
        }

        try
        {
            // Duplicate names are refused while parsing: JsonObject would otherwise throw on first use (a 500).
            var node = JsonNode.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length),
                documentOptions: new JsonDocumentOptions { MaxDepth = 32, AllowDuplicateProperties = false });
            if (node is not JsonObject obj) return new Error(ErrorCodes.Validation, "The body must be a JSON object.", "");
            return JsonInput.TextViolations(obj) is { Count: > 0 } text ? Result<JsonObject>.Fail(text) : obj;
        }
        catch (JsonException ex)
        {
            return new Error(ErrorCodes.MalformedJson,
                $"The body is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).", JsonInput.ToFieldPath(ex.Path));
        }
        catch (InvalidOperationException)
        {
            // Checking for duplicates reads every property name; one escaping an unpaired surrogate cannot be read.
            return new Error(ErrorCodes.MalformedJson, "The body has a property name that is not valid Unicode (an unpaired surrogate escape).");
        }
    }

    /// <summary>For bodies that may be absent: no body at all is an empty object.</summary>
    public static async Task<Result<JsonObject>> ReadOptionalObjectAsync(HttpRequest request, IReadOnlyList<string> mediaTypes, CancellationToken ct)
        => request.ContentLength is 0 || (request.ContentLength is null && string.IsNullOrEmpty(request.ContentType))
            ? new JsonObject()
            : await ReadObjectAsync(request, mediaTypes, ct);

    private static Error TooLarge() => new(ErrorCodes.PayloadTooLarge, $"The body must be at most {MaxBytes} bytes.");
}
