namespace CrmApi.Domain.Common;

internal static class Lists
{
    public static bool SameItems(IReadOnlyList<string> a, IReadOnlyList<string> b) => a.SequenceEqual(b, StringComparer.Ordinal);
}
