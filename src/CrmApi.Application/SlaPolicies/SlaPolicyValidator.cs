using System.Text.Json;
using CrmApi.Application.Common;
using CrmApi.Application.Common.Validation;
using CrmApi.Application.Querying;
using CrmApi.Application.Tickets;
using CrmApi.Domain.Tickets;

namespace CrmApi.Application.SlaPolicies;

/// <summary>
/// Checks an SLA policy body. The calendar and the targets are judged by the domain (<see cref="BusinessCalendar"/>,
/// <see cref="SlaTargets"/>, <see cref="SlaPolicy"/>); this reads the JSON shapes into its values and puts the errors
/// it reports under <c>calendar</c> and <c>targets</c>. Every problem is reported at once.
/// </summary>
public static class SlaPolicyValidator
{
    public const int HolidaysMax = 1000;

    /// <summary>Stands in for a calendar with errors of its own, so that the targets are still checked for completeness.</summary>
    private static readonly BusinessCalendar AlwaysOpen =
        BusinessCalendar.Create("UTC", Enum.GetValues<DayOfWeek>().ToDictionary(d => d, _ => (IReadOnlyList<OpeningInterval>)[OpeningInterval.AllDay]));

    /// <param name="catalog">What conditions can reach in the workspace (custom fields included); the built-in ticket fields when null.</param>
    public static Result<SlaPolicySpec> Validate(SlaPolicyInput input, ObjectCatalog<Ticket>? catalog = null)
    {
        var errors = new List<Error>();
        var name = Rules.RequiredText(errors, "name", input.Name, Rules.NameMax);
        if (input.Position is < 0) errors.Add(Error.Validation("position", "'position' cannot be negative: 0 is tried first."));
        var conditions = Conditions(errors, input.Conditions, catalog ?? TicketFields.Catalog);
        var calendar = Calendar(errors, input.Calendar);
        var targets = Targets(errors, input.Targets);
        SlaPolicy? policy = null;
        if (targets is not null)
        {
            SlaPolicy.TryCreate(calendar ?? AlwaysOpen, targets, out policy, out var found);
            // A priority whose targets were refused above is absent here too: one error about it is enough.
            errors.AddRange(found.Where(f => !errors.Any(e => e.Field!.StartsWith(f.Field + ".", StringComparison.Ordinal))).Select(ToError));
        }
        return errors.Count > 0 ? Result<SlaPolicySpec>.Fail(errors) : new SlaPolicySpec(name, input.Position, conditions, policy!);
    }

    /// <summary>The conditions as compact JSON text once they parse against the ticket catalog; null when they match every ticket.</summary>
    private static string? Conditions(List<Error> errors, JsonElement? conditions, ObjectCatalog<Ticket> catalog)
    {
        if (conditions is not { } json) return null;
        var parsed = FilterParser.Parse(catalog, json, "conditions");
        if (!parsed.IsSuccess)
        {
            errors.AddRange(parsed.Errors);
            return null;
        }
        return parsed.Value is null ? null : JsonSerializer.Serialize(json);
    }

    private static BusinessCalendar? Calendar(List<Error> errors, SlaCalendarInput? input)
    {
        if (input is null)
        {
            errors.Add(Error.Validation("calendar", "'calendar' is required: a time zone, weekly opening hours and holidays."));
            return null;
        }
        var unreadable = false;
        var hours = new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>>();
        foreach (var (day, intervals) in input.WeeklyHours?.Days() ?? [])
        {
            var field = $"calendar.weeklyHours.{day.ToString().ToLowerInvariant()}";
            var read = intervals.Select((interval, i) => Interval(errors, $"{field}[{i}]", interval)).ToList();
            if (read.All(i => i is not null)) hours[day] = [.. read.Select(i => i!.Value)];
            else unreadable = true;
        }
        if (input.Holidays is { Count: > HolidaysMax })
            errors.Add(Error.Validation("calendar.holidays", $"A calendar has at most {HolidaysMax} holidays."));

        BusinessCalendar.TryCreate(input.TimeZone, hours, input.Holidays, out var calendar, out var found);
        // With a day left out for its unreadable times, the week may look empty; that is not news to the client.
        errors.AddRange(found.Where(f => !(unreadable && f.Field == "weeklyHours")).Select(f => ToError(f.Under("calendar"))));
        return unreadable || input.Holidays is { Count: > HolidaysMax } ? null : calendar;
    }

    private static OpeningInterval? Interval(List<Error> errors, string field, OpeningHoursInput? input)
    {
        if (input is null)
        {
            errors.Add(Error.Validation(field, "An opening interval is an object with 'start' and 'end'."));
            return null;
        }
        var start = Time(errors, $"{field}.start", input.Start);
        var end = Time(errors, $"{field}.end", input.End);
        return start is { } s && end is { } e ? new OpeningInterval(s, e) : null;
    }

    private static TimeSpan? Time(List<Error> errors, string field, string? text)
    {
        if (OpeningInterval.TryParseTime(text, out var time)) return time;
        errors.Add(Error.Validation(field, text is null
            ? $"'{field}' is required: a local time such as 09:00."
            : $"'{text}' is not a time of day: use HH:mm from 00:00 to 24:00, such as 09:00."));
        return null;
    }

    /// <summary>The targets given, each checked; null when the whole object is missing.</summary>
    private static Dictionary<TicketPriority, SlaTargets>? Targets(List<Error> errors, SlaTargetsInput? input)
    {
        if (input is null)
        {
            errors.Add(Error.Validation("targets", "'targets' is required: first-response and resolution minutes for low, normal, high and urgent."));
            return null;
        }
        var targets = new Dictionary<TicketPriority, SlaTargets>();
        foreach (var priority in Enum.GetValues<TicketPriority>())
        {
            // A missing priority is the policy's to report (SlaPolicy.TryCreate).
            if (input.For(priority) is not { } given) continue;
            var field = $"targets.{priority.ToString().ToLowerInvariant()}";
            if (given.FirstResponseMinutes is null)
                errors.Add(Error.Validation($"{field}.firstResponseMinutes", $"'{field}.firstResponseMinutes' is required."));
            if (given.ResolutionMinutes is null)
                errors.Add(Error.Validation($"{field}.resolutionMinutes", $"'{field}.resolutionMinutes' is required."));
            if (given is not { FirstResponseMinutes: { } firstResponse, ResolutionMinutes: { } resolution }) continue;
            if (SlaTargets.TryCreate(firstResponse, resolution, out var t, out var found)) targets[priority] = t;
            else errors.AddRange(found.Select(f => ToError(f.Under(field))));
        }
        return targets;
    }

    private static Error ToError(FieldError e) => Error.Validation(e.Field, e.Message);
}
