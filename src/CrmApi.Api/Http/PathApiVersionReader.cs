using Asp.Versioning;

namespace CrmApi.Api.Http;

/// <summary>
/// Reads the API version from the path's prefix, <c>/api/v1/…</c>. Routes carry the version as literal text, so the
/// versioning library has no route template to match per request: with a <c>{version:apiVersion}</c> segment it built a
/// template matcher for every request, a twentieth of the CPU of a record read. Paths outside <c>/api/</c> have no version.
/// </summary>
public sealed class PathApiVersionReader : IApiVersionReader
{
    public const string Prefix = "/api/v";

    public IReadOnlyList<string> Read(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.Path.Value;
        if (path is null || !path.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) return [];
        var end = path.IndexOf('/', Prefix.Length);
        var version = end < 0 ? path[Prefix.Length..] : path[Prefix.Length..end];
        return version.Length == 0 ? [] : [version];
    }

    /// <summary>The version is part of each documented path, not a parameter of its own.</summary>
    public void AddParameters(IApiVersionParameterDescriptionContext context) { }
}
