using System.Text;

namespace CrmApi.Application.Events;

/// <summary>A position in a workspace's event log, opaque to clients.</summary>
public static class EventCursor
{
    private const string Prefix = "ev1:";

    public static string Encode(long sequence)
        => Convert.ToBase64String(Encoding.ASCII.GetBytes(Prefix + sequence)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryDecode(string cursor, out long sequence)
    {
        sequence = 0;
        if (cursor.Length is 0 or > 64) return false;
        try
        {
            var b64 = cursor.Replace('-', '+').Replace('_', '/');
            b64 = b64.PadRight(b64.Length + (4 - b64.Length % 4) % 4, '=');
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(b64));
            return text.StartsWith(Prefix, StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(Prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out sequence);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
