using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace CrmApi.Api.Http;

/// <summary>ETags are the record version in quotes (<c>"3"</c>); If-Match and If-None-Match compare against it.</summary>
public static class Preconditions
{
    public static string ETagOf(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>
    /// The version an If-Match header demands: null when absent or <c>*</c>; -1 (matches nothing) when it names no
    /// version we could have issued, so the write fails with 412 rather than going through unguarded.
    /// </summary>
    public static long? ExpectedVersion(HttpRequest request)
    {
        var values = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(values) || values.Trim() == "*") return null;
        if (!EntityTagHeaderValue.TryParseList(request.Headers.IfMatch, out var tags) || tags.Count != 1) return -1;
        var tag = tags[0].Tag.Value?.Trim('"');
        return long.TryParse(tag, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1;
    }

    public static bool NoneMatch(HttpRequest request, long version)
    {
        if (!EntityTagHeaderValue.TryParseList(request.Headers.IfNoneMatch, out var tags)) return false;
        var etag = ETagOf(version);
        return tags.Any(t => t.Tag.Value == "*" || t.Tag.Value == etag);
    }
}
