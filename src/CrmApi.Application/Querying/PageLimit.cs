using CrmApi.Application.Common;

namespace CrmApi.Application.Querying;

/// <summary>The page size every paged read accepts: from 1 to the read's own maximum.</summary>
public static class PageLimit
{
    /// <summary>The error for a page size outside 1..<paramref name="max"/>, on <c>limit</c>; null when it fits.</summary>
    public static Error? Check(int limit, int max)
        => limit < 1 || limit > max ? Error.Validation("limit", $"The limit must be between 1 and {max}; got {limit}.") : null;
}
