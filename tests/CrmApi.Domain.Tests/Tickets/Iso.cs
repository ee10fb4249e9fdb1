using System.Globalization;

namespace CrmApi.Domain.Tests.Tickets;

/// <summary>
/// Reads the hand-written instants of the tables, e.g. <c>2026-03-30T10:00+02:00</c>. The offset is required, so each
/// expected value says which side of a daylight-saving change it is on.
/// </summary>
internal static class Iso
{
    private static readonly string[] Formats = ["yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.fffffffzzz"];

    public static DateTimeOffset At(string iso) => DateTimeOffset.ParseExact(iso, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None);
}
