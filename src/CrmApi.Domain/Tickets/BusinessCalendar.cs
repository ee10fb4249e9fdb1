using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace CrmApi.Domain.Tickets;

/// <summary>
/// When a service desk is open: weekly opening hours in local wall-clock time of one IANA time zone, minus holidays
/// (whole local dates). SLA targets count only open time, so this turns "8 business hours" into an instant and back.
/// </summary>
/// <remarks>
/// <para>
/// The calendar is open at an instant when the instant's local date (in <see cref="Zone"/>) is not a holiday and its
/// local time of day lies in one of that weekday's intervals. Every method follows from that one rule, which settles
/// daylight-saving days without special cases: in a spring-forward gap the missing local times simply never occur
/// (an interval starting at 02:30 opens at 03:00), and in a fall-back fold the repeated local times occur twice, so an
/// interval covering the repeated hour counts its real elapsed time (a round-the-clock day then has 25 hours).
/// </para>
/// <para>
/// Work is done per local day, never per minute: a day's intervals are mapped to UTC ranges through the zone's offsets
/// on that day, so adding 10,000 business minutes walks about a month of days.
/// </para>
/// </remarks>
public sealed class BusinessCalendar : IEquatable<BusinessCalendar>
{
    private static readonly string[] DayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    // .NET keeps every zone offset within ±14 hours, so the instants of one local date lie in the 52 hours around that
    // date read as if it were UTC.
    private static readonly TimeSpan MaxOffset = TimeSpan.FromHours(14);

    // A day's offset changes are found by sampling this far apart, then bisecting to the tick. Two changes closer than
    // this that cancel each other would go unseen; the tz database has none (its changes are weeks apart at least).
    private static readonly TimeSpan SampleStep = TimeSpan.FromHours(4);

    private readonly OpeningInterval[][] _hours;
    private readonly HashSet<DateOnly> _holidays;

    private BusinessCalendar(TimeZoneInfo zone, OpeningInterval[][] hours, HashSet<DateOnly> holidays)
    {
        Zone = zone;
        _hours = hours;
        _holidays = holidays;
        WeeklyHours = Enum.GetValues<DayOfWeek>().ToDictionary(d => d, d => (IReadOnlyList<OpeningInterval>)Array.AsReadOnly(hours[(int)d]));
        Holidays = holidays.Order().ToArray();
        OpenTimePerWeek = hours.SelectMany(h => h).Aggregate(TimeSpan.Zero, (sum, i) => sum + i.Length);
    }

    public TimeZoneInfo Zone { get; }

    /// <summary>The IANA id, e.g. <c>Europe/Berlin</c>.</summary>
    public string TimeZoneId => Zone.Id;

    /// <summary>Every weekday, with its intervals in order (none when closed all day).</summary>
    public IReadOnlyDictionary<DayOfWeek, IReadOnlyList<OpeningInterval>> WeeklyHours { get; }

    /// <summary>Local dates closed all day, in order.</summary>
    public IReadOnlyList<DateOnly> Holidays { get; }

    /// <summary>Open wall-clock time in a week without holidays or daylight-saving changes.</summary>
    public TimeSpan OpenTimePerWeek { get; }

    /// <summary>
    /// Validates and builds a calendar. Days missing from <paramref name="weeklyHours"/> are closed; intervals must be
    /// listed in order and may touch (12:00–13:00 then 13:00–17:00) but not overlap. Every problem is reported, not
    /// just the first.
    /// </summary>
    public static bool TryCreate(
        string? timeZoneId,
        IReadOnlyDictionary<DayOfWeek, IReadOnlyList<OpeningInterval>>? weeklyHours,
        IEnumerable<DateOnly>? holidays,
        [NotNullWhen(true)] out BusinessCalendar? calendar,
        out IReadOnlyList<FieldError> errors)
    {
        var found = new List<FieldError>();
        var zone = FindZone(timeZoneId, found);
        var hours = ValidateHours(weeklyHours, found);
        errors = found;
        calendar = found.Count == 0 ? new BusinessCalendar(zone!, hours, [.. holidays ?? []]) : null;
        return calendar is not null;
    }

    /// <summary>Builds a calendar from values known to be valid (settings, tests); throws listing every problem otherwise.</summary>
    public static BusinessCalendar Create(
        string timeZoneId,
        IReadOnlyDictionary<DayOfWeek, IReadOnlyList<OpeningInterval>> weeklyHours,
        IEnumerable<DateOnly>? holidays = null)
        => TryCreate(timeZoneId, weeklyHours, holidays, out var calendar, out var errors)
            ? calendar
            : throw new ArgumentException("Invalid business calendar: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")));

    /// <summary>Whether the desk is open at <paramref name="at"/> (an interval's start is open, its end is not).</summary>
    public bool IsOpen(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, Zone);
        var date = DateOnly.FromDateTime(local.DateTime);
        if (_holidays.Contains(date)) return false;
        var timeOfDay = local.TimeOfDay;
        return _hours[(int)date.DayOfWeek].Any(i => i.Contains(timeOfDay));
    }

    /// <summary>
    /// The instant (UTC) at which <paramref name="minutes"/> of open time have passed since <paramref name="start"/>.
    /// Outside opening hours counting starts at the next opening; an amount that runs out exactly at a closing gives
    /// that closing, not the next opening. Zero minutes gives <paramref name="start"/>.
    /// </summary>
    public DateTimeOffset AddBusinessMinutes(DateTimeOffset start, int minutes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minutes);
        return AddBusinessTime(start, TimeSpan.FromMinutes(minutes));
    }

    /// <inheritdoc cref="AddBusinessMinutes"/>
    public DateTimeOffset AddBusinessTime(DateTimeOffset start, TimeSpan amount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(amount, TimeSpan.Zero);
        start = start.ToUniversalTime();
        if (amount == TimeSpan.Zero) return start;
        var left = amount;
        foreach (var range in OpenRangesFrom(start))
        {
            if (range.Length >= left) return range.Start + left;
            left -= range.Length;
        }
        throw new UnreachableException("Open ranges never run out.");
    }

    /// <summary>
    /// Open time between two instants, <paramref name="from"/> inclusive and <paramref name="to"/> exclusive. Negative
    /// when <paramref name="to"/> is earlier, so that "business time left until a due instant" reads as overdue time.
    /// </summary>
    public TimeSpan BusinessTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to < from) return -BusinessTimeBetween(to, from);
        var total = TimeSpan.Zero;
        foreach (var range in OpenRangesFrom(from.ToUniversalTime()))
        {
            if (range.Start >= to) break;
            total += (range.End < to ? range.End : to.ToUniversalTime()) - range.Start;
        }
        return total;
    }

    /// <summary>
    /// The open UTC ranges from <paramref name="from"/> on, in order and clipped to start no earlier than it. Ranges
    /// are built one local day at a time; a day's ranges are held back until no later day can produce an earlier one
    /// (a fall-back across midnight can interleave two local dates).
    /// </summary>
    private IEnumerable<UtcRange> OpenRangesFrom(DateTimeOffset from)
    {
        var pending = new List<UtcRange>();
        // The day before too: with a fall-back across midnight, part of yesterday's local date can follow `from`.
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, Zone).DateTime).AddDays(-1);
        // Creation rejects a week with no open time, so only holidays (and a spring-forward gap swallowing a whole
        // interval) can close days in a row; this bound only stops a bug from looping forever.
        var closedDaysLimit = 7 * (_holidays.Count + 2);
        var closedDays = 0;
        while (true)
        {
            var before = pending.Count;
            AddOpenRanges(date, from, pending);
            closedDays = pending.Count == before ? closedDays + 1 : 0;
            if (closedDays > closedDaysLimit)
                throw new InvalidOperationException($"No open time in {closedDays} days from {from:O}.");

            pending.Sort((a, b) => a.Start.CompareTo(b.Start));
            var laterDaysStartAt = AsUtc(date.AddDays(1)) - MaxOffset;
            var ready = pending.FindIndex(r => r.Start >= laterDaysStartAt);
            if (ready < 0) ready = pending.Count;
            for (var i = 0; i < ready; i++) yield return pending[i];
            pending.RemoveRange(0, ready);
            date = date.AddDays(1);
        }
    }

    /// <summary>
    /// Adds the UTC ranges whose local date is <paramref name="date"/> and whose local time lies in that day's
    /// intervals, keeping only what ends after <paramref name="from"/>. Within a stretch of constant offset local time
    /// is UTC plus the offset, so each interval maps to one range per stretch; cutting at the offset changes is what
    /// drops the gap of a spring-forward and keeps both passes of a fall-back.
    /// </summary>
    private void AddOpenRanges(DateOnly date, DateTimeOffset from, List<UtcRange> into)
    {
        var intervals = _hours[(int)date.DayOfWeek];
        if (intervals.Length == 0 || _holidays.Contains(date)) return;
        var midnight = AsUtc(date);
        var windowEnd = midnight + Day + MaxOffset;
        var stretchStart = midnight - MaxOffset;
        while (stretchStart < windowEnd)
        {
            var offset = Zone.GetUtcOffset(stretchStart);
            var stretchEnd = NextOffsetChange(stretchStart, offset, windowEnd);
            foreach (var interval in intervals)
            {
                var start = Max(midnight + interval.Start - offset, Max(stretchStart, from));
                var end = Min(midnight + interval.End - offset, stretchEnd);
                if (start < end) into.Add(new UtcRange(start, end));
            }
            stretchStart = stretchEnd;
        }
    }

    /// <summary>The first instant after <paramref name="from"/> whose offset differs from <paramref name="offset"/>, or <paramref name="limit"/>.</summary>
    private DateTimeOffset NextOffsetChange(DateTimeOffset from, TimeSpan offset, DateTimeOffset limit)
    {
        var same = from;
        while (same < limit)
        {
            var probe = Min(same + SampleStep, limit);
            if (Zone.GetUtcOffset(probe) != offset)
            {
                // Bisect: `same` has the offset, `probe` does not; narrow down to adjacent ticks.
                while (probe.UtcTicks - same.UtcTicks > 1)
                {
                    var mid = same.AddTicks((probe.UtcTicks - same.UtcTicks) / 2);
                    if (Zone.GetUtcOffset(mid) == offset) same = mid;
                    else probe = mid;
                }
                return probe;
            }
            same = probe;
        }
        return limit;
    }

    private static TimeZoneInfo? FindZone(string? id, List<FieldError> errors)
    {
        const string field = "timeZone";
        if (string.IsNullOrWhiteSpace(id))
        {
            errors.Add(new FieldError(field, "Give an IANA time zone id such as Europe/Berlin."));
            return null;
        }
        try
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            // Ids are file names, so a lookup in another case fails, unless a zone already loaded matches it: .NET's
            // cache ignores case. Requiring the exact id keeps the answer from depending on what was looked up before.
            if (zone.Id == id) return zone;
            errors.Add(new FieldError(field, $"'{id}' is not a known IANA time zone id; ids are case-sensitive (did you mean '{zone.Id}'?)."));
            return null;
        }
        catch (TimeZoneNotFoundException)
        {
            errors.Add(new FieldError(field, $"'{id}' is not a known IANA time zone id (e.g. Europe/Berlin, America/New_York)."));
        }
        catch (InvalidTimeZoneException)
        {
            errors.Add(new FieldError(field, $"The time zone data for '{id}' is unreadable."));
        }
        return null;
    }

    private static OpeningInterval[][] ValidateHours(
        IReadOnlyDictionary<DayOfWeek, IReadOnlyList<OpeningInterval>>? weeklyHours, List<FieldError> errors)
    {
        var hours = new OpeningInterval[7][];
        for (var d = 0; d < 7; d++) hours[d] = [];
        if (weeklyHours is null || weeklyHours.Count == 0)
        {
            errors.Add(new FieldError("weeklyHours", "The calendar is never open: give at least one opening interval."));
            return hours;
        }
        foreach (var (day, intervals) in weeklyHours)
        {
            if (!Enum.IsDefined(day))
            {
                errors.Add(new FieldError("weeklyHours", $"Unknown weekday {(int)day}."));
                continue;
            }
            hours[(int)day] = ValidateDay(DayNames[(int)day], intervals ?? [], errors);
        }
        if (weeklyHours.Values.All(i => i is null || i.Count == 0))
            errors.Add(new FieldError("weeklyHours", "The calendar is never open: give at least one opening interval."));
        return hours;
    }

    private static OpeningInterval[] ValidateDay(string dayName, IReadOnlyList<OpeningInterval> intervals, List<FieldError> errors)
    {
        OpeningInterval? previous = null;
        for (var i = 0; i < intervals.Count; i++)
        {
            var interval = intervals[i];
            var field = $"weeklyHours.{dayName}[{i}]";
            var inRange = true;
            if (interval.Start < TimeSpan.Zero || interval.Start > Day)
            {
                errors.Add(new FieldError(field + ".start", "Must be a time between 00:00 and 24:00."));
                inRange = false;
            }
            if (interval.End < TimeSpan.Zero || interval.End > Day)
            {
                errors.Add(new FieldError(field + ".end", "Must be a time between 00:00 and 24:00."));
                inRange = false;
            }
            if (!inRange) continue;
            if (interval.Start >= interval.End)
            {
                errors.Add(new FieldError(field, $"Starts at {OpeningInterval.Format(interval.Start)}, which is not before its end {OpeningInterval.Format(interval.End)}."));
                continue;
            }
            if (previous is { } p)
            {
                if (interval.Start < p.Start)
                    errors.Add(new FieldError(field, $"Starts before the interval listed ahead of it ({p}); list a day's intervals in order."));
                else if (interval.Start < p.End)
                    errors.Add(new FieldError(field, $"Overlaps the interval listed ahead of it ({p})."));
            }
            previous = interval;
        }
        return [.. intervals];
    }

    /// <summary>Local midnight of <paramref name="date"/> read as if it were UTC: the base that local times of day are added to.</summary>
    private static DateTimeOffset AsUtc(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    public bool Equals(BusinessCalendar? other)
        => other is not null
            && (ReferenceEquals(this, other)
                || (Zone.Id == other.Zone.Id
                    && _holidays.SetEquals(other._holidays)
                    && _hours.Zip(other._hours).All(pair => pair.First.SequenceEqual(pair.Second))));

    public override bool Equals(object? obj) => Equals(obj as BusinessCalendar);

    public override int GetHashCode() => HashCode.Combine(Zone.Id, OpenTimePerWeek, _holidays.Count);

    private readonly record struct UtcRange(DateTimeOffset Start, DateTimeOffset End)
    {
        public TimeSpan Length => End - Start;
    }
}
