using CrmApi.Application.Common;
using CrmApi.Application.Common.Validation;
using CrmApi.Domain.Activities;

namespace CrmApi.Application.Activities;

public static class ActivityValidator
{
    public const int BodyMax = 20_000;
    public const int PreviewMax = 1_000;
    public const int LinksMax = 100;

    /// <summary>Which optional fields each type takes; a field of another type is an error, not silently dropped.</summary>
    private static readonly Dictionary<ActivityType, HashSet<string>> Allowed = new()
    {
        [ActivityType.Note] = ["body"],
        [ActivityType.Task] = ["title", "dueAt", "status", "assignee", "body"],
        [ActivityType.Call] = ["direction", "durationSeconds", "outcome", "body"],
        [ActivityType.Email] = ["direction", "subject", "from", "to", "cc", "sentAt", "bodyPreview"],
        [ActivityType.Meeting] = ["title", "startAt", "endAt", "attendees", "body"],
        [ActivityType.Purchase] = ["orderReference", "amount", "currency"],
    };

    public static Result<ActivityDetails> Validate(ActivityInput i)
    {
        var errors = new List<Error>();
        if (i.Type is not { } type) return Error.Validation("type", "'type' is required: note, task, call, email, meeting or purchase.");

        var present = Present(i);
        foreach (var field in present.Where(f => !Allowed[type].Contains(f)))
            errors.Add(Error.Validation(field, $"'{field}' does not apply to a {type.ToString().ToLowerInvariant()}."));

        var contacts = Rules.Links(errors, "contactIds", i.ContactIds, LinksMax);
        var companies = Rules.Links(errors, "companyIds", i.CompanyIds, LinksMax);
        var deals = Rules.Links(errors, "dealIds", i.DealIds, LinksMax);
        if (contacts.Count + companies.Count + deals.Count == 0)
            errors.Add(Error.Validation("contactIds", "An activity links to at least one contact, company or deal (contactIds, companyIds, dealIds)."));

        var body = Rules.Text(errors, "body", i.Body, BodyMax);
        var title = Rules.Text(errors, "title", i.Title, Rules.NameMax);
        if (type is ActivityType.Note && body is null) errors.Add(Error.Validation("body", "A note needs a 'body'."));
        if (type is ActivityType.Task or ActivityType.Meeting && title is null) errors.Add(Error.Validation("title", $"A {type.ToString().ToLowerInvariant()} needs a 'title'."));
        if (i.DurationSeconds is < 0) errors.Add(Error.Validation("durationSeconds", "'durationSeconds' cannot be negative."));
        if (i.StartAt is { } start && i.EndAt is { } end && end < start) errors.Add(Error.Validation("endAt", "'endAt' is before 'startAt'."));
        var from = i.From is null ? null : Rules.Email(errors, "from", i.From);
        var to = Emails(errors, "to", i.To);
        var cc = Emails(errors, "cc", i.Cc);
        var attendees = new List<string>();
        for (var n = 0; n < (i.Attendees?.Count ?? 0); n++)
        {
            if (Rules.Text(errors, $"attendees[{n}]", i.Attendees![n], Rules.NameMax) is { } a) attendees.Add(a);
            else errors.Add(Error.Validation($"attendees[{n}]", "An attendee cannot be empty."));
        }
        var currency = Rules.Currency(errors, "currency", i.Currency);
        if (type is ActivityType.Purchase)
        {
            if (i.Amount is not { } amount) errors.Add(Error.Validation("amount", "A purchase needs an 'amount'."));
            else if (amount < 0 || !Rules.IsStorableDecimal(amount))
                errors.Add(Error.Validation("amount", "'amount' must be at least 0, below 10^14, with at most 4 decimal places."));
            if (currency is null) errors.Add(Error.Validation("currency", "A purchase needs a 'currency' (ISO 4217)."));
        }

        var details = new ActivityDetails(
            type, i.OccurredAt?.ToUniversalTime(), contacts, companies, body, title, i.DueAt?.ToUniversalTime(),
            type is ActivityType.Task ? i.Status ?? Domain.Activities.TaskStatus.Open : null,
            Rules.Text(errors, "assignee", i.Assignee, Rules.ShortTextMax), i.Direction, i.DurationSeconds,
            Rules.Text(errors, "outcome", i.Outcome, Rules.ShortTextMax), Rules.Text(errors, "subject", i.Subject, Rules.NameMax * 5),
            from, to, cc, i.SentAt?.ToUniversalTime(), Rules.Text(errors, "bodyPreview", i.BodyPreview, PreviewMax),
            i.StartAt?.ToUniversalTime(), i.EndAt?.ToUniversalTime(), attendees,
            Rules.Text(errors, "orderReference", i.OrderReference, Rules.ExternalIdValueMax), i.Amount, currency, deals);
        return errors.Count > 0 ? Result<ActivityDetails>.Fail(errors) : Result<ActivityDetails>.Ok(details);
    }

    private static List<string> Present(ActivityInput i)
    {
        var present = new List<string>();
        void Has(bool set, string name) { if (set) present.Add(name); }
        Has(i.Body is not null, "body"); Has(i.Title is not null, "title"); Has(i.DueAt is not null, "dueAt");
        Has(i.Status is not null, "status"); Has(i.Assignee is not null, "assignee"); Has(i.Direction is not null, "direction");
        Has(i.DurationSeconds is not null, "durationSeconds"); Has(i.Outcome is not null, "outcome"); Has(i.Subject is not null, "subject");
        Has(i.From is not null, "from"); Has(i.To is { Count: > 0 }, "to"); Has(i.Cc is { Count: > 0 }, "cc");
        Has(i.SentAt is not null, "sentAt"); Has(i.BodyPreview is not null, "bodyPreview"); Has(i.StartAt is not null, "startAt");
        Has(i.EndAt is not null, "endAt"); Has(i.Attendees is { Count: > 0 }, "attendees");
        Has(i.OrderReference is not null, "orderReference"); Has(i.Amount is not null, "amount"); Has(i.Currency is not null, "currency");
        return present;
    }

    private static List<string> Emails(List<Error> errors, string field, List<string?>? values)
    {
        var result = new List<string>();
        for (var n = 0; n < (values?.Count ?? 0); n++)
            if (Rules.Email(errors, $"{field}[{n}]", values![n]) is { } e) result.Add(e);
        return result;
    }
}
