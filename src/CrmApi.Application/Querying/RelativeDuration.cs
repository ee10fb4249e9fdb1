using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CrmApi.Application.Querying;

/// <summary>
/// How far back <c>withinLast</c> and <c>olderThan</c> look: an ISO 8601 duration of whole numbers,
/// <c>PnYnMnWnDTnHnMnS</c>. Years and months count on the calendar (a month before 31 March is the end of February);
/// weeks, days, hours, minutes and seconds are exact, as every instant here is UTC.
/// </summary>
public sealed partial record RelativeDuration(long Years, long Months, long Weeks, long Days, long Hours, long Minutes, long Seconds)
{
    /// <summary>No duration reaches further back than this many years: a longer one is surely a mistake.</summary>
    public const int MaxYears = 100;

    /// <summary>Examples for error messages.</summary>
    public const string Examples = "\"P90D\", \"P2W\", \"PT12H\" or \"P1Y6M\"";

    private const double DaysPerYear = 365.2425;

    /// <summary>The instant this duration before <paramref name="now"/>: calendar years and months first, then the exact part.</summary>
    public DateTimeOffset Before(DateTimeOffset now)
        => now.AddYears(-(int)Years).AddMonths(-(int)Months)
            - TimeSpan.FromSeconds((((((Weeks * 7) + Days) * 24) + Hours) * 60 + Minutes) * 60 + Seconds);

    /// <summary>The canonical text: designators in order, zero parts left out (<c>P1Y6M</c>, <c>PT36H</c>).</summary>
    public override string ToString()
    {
        var text = new StringBuilder("P");
        Part(Years, 'Y');
        Part(Months, 'M');
        Part(Weeks, 'W');
        Part(Days, 'D');
        if (Hours + Minutes + Seconds > 0) text.Append('T');
        Part(Hours, 'H');
        Part(Minutes, 'M');
        Part(Seconds, 'S');
        return text.ToString();

        void Part(long value, char designator)
        {
            if (value > 0) text.Append(value.ToString(CultureInfo.InvariantCulture)).Append(designator);
        }
    }

    /// <summary>
    /// Reads a duration; on failure <paramref name="problem"/> says why in a sentence that ends with examples.
    /// </summary>
    public static bool TryParse(string text, out RelativeDuration duration, out string problem)
    {
        duration = null!;
        problem = "";
        var shown = text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
        if (text.StartsWith('-'))
        {
            problem = $"The duration \"{shown}\" is negative: give how far back to look as a positive duration, such as {Examples}.";
            return false;
        }
        var match = Iso().Match(text);
        if (!match.Success || Enumerable.Range(1, 7).All(i => match.Groups[i].Length == 0)
            || (text.Contains('T') && Enumerable.Range(5, 3).All(i => match.Groups[i].Length == 0)))
        {
            problem = $"\"{shown}\" is not an ISO 8601 duration of whole numbers (PnYnMnWnDTnHnMnS), such as {Examples}.";
            return false;
        }
        var parts = new long[7];
        var days = 0d;
        double[] daysPer = [DaysPerYear, DaysPerYear / 12, 7, 1, 1d / 24, 1d / 1440, 1d / 86400];
        for (var i = 0; i < parts.Length; i++)
        {
            var digits = match.Groups[i + 1].Value;
            if (digits.Length == 0) continue;
            // Digits beyond a long are far beyond the limit anyway, and the limit's message says so.
            parts[i] = long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : long.MaxValue;
            days += parts[i] * daysPer[i];
        }
        if (days == 0)
        {
            problem = $"The duration \"{shown}\" is zero: give a positive duration, such as {Examples}.";
            return false;
        }
        if (days > (MaxYears * DaysPerYear) + 1e-6)
        {
            problem = $"The duration \"{shown}\" is longer than {MaxYears} years (P{MaxYears}Y): give a shorter one, such as {Examples}.";
            return false;
        }
        duration = new RelativeDuration(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], parts[6]);
        return true;
    }

    // Groups 1-7: years, months, weeks, days, hours, minutes, seconds; each optional, in this order.
    [GeneratedRegex("^P(?:([0-9]+)Y)?(?:([0-9]+)M)?(?:([0-9]+)W)?(?:([0-9]+)D)?(?:T(?:([0-9]+)H)?(?:([0-9]+)M)?(?:([0-9]+)S)?)?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Iso();
}
