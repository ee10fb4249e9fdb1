using CrmApi.Domain.Common;

namespace CrmApi.Domain.Activities;

/// <summary>
/// One interaction: a note, task, call, email, meeting or purchase, linked to contacts, companies and deals. One table holds
/// every type; the fields of other types stay null.
/// </summary>
public sealed class Activity : Record
{
    private Activity() { }

    private Activity(Guid id, Guid workspaceId, DateTimeOffset now) : base(id, workspaceId, now) { }

    public ActivityType Type { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }
    public List<ActivityContact> Contacts { get; private set; } = [];
    public List<ActivityCompany> Companies { get; private set; } = [];
    public List<ActivityDeal> Deals { get; private set; } = [];
    public string? Body { get; private set; }
    public string? Title { get; private set; }
    public DateTimeOffset? DueAt { get; private set; }
    public TaskStatus? Status { get; private set; }
    public string? Assignee { get; private set; }
    public Direction? Direction { get; private set; }
    public int? DurationSeconds { get; private set; }
    public string? Outcome { get; private set; }
    public string? Subject { get; private set; }
    public string? From { get; private set; }
    public List<string> To { get; private set; } = [];
    public List<string> Cc { get; private set; } = [];
    public DateTimeOffset? SentAt { get; private set; }
    public string? BodyPreview { get; private set; }
    public DateTimeOffset? StartAt { get; private set; }
    public DateTimeOffset? EndAt { get; private set; }
    public List<string> Attendees { get; private set; } = [];
    public string? OrderReference { get; private set; }
    public decimal? Amount { get; private set; }
    public string? Currency { get; private set; }

    public static Activity Create(Guid id, Guid workspaceId, ActivityDetails details, DateTimeOffset now)
    {
        var activity = new Activity(id, workspaceId, now);
        activity.Apply(details);
        return activity;
    }

    public ActivityDetails Details => new(
        Type, OccurredAt, [.. Contacts.Select(c => c.ContactId)], [.. Companies.Select(c => c.CompanyId)], Body, Title, DueAt, Status,
        Assignee, Direction, DurationSeconds, Outcome, Subject, From, To, Cc, SentAt, BodyPreview, StartAt, EndAt, Attendees,
        OrderReference, Amount, Currency, [.. Deals.Select(d => d.DealId)]);

    public bool Update(ActivityDetails details, DateTimeOffset now)
    {
        var changed = Apply(details);
        if (changed) Touch(now);
        return changed;
    }

    private bool Apply(ActivityDetails d)
    {
        var before = Details;
        Type = d.Type;
        OccurredAt = Truncate(d.OccurredAt ?? CreatedAt);
        Body = d.Body;
        Title = d.Title;
        DueAt = d.DueAt is { } due ? Truncate(due) : null;
        Status = d.Status;
        Assignee = d.Assignee;
        Direction = d.Direction;
        DurationSeconds = d.DurationSeconds;
        Outcome = d.Outcome;
        Subject = d.Subject;
        From = d.From;
        To = [.. d.To ?? []];
        Cc = [.. d.Cc ?? []];
        SentAt = d.SentAt is { } sent ? Truncate(sent) : null;
        BodyPreview = d.BodyPreview;
        StartAt = d.StartAt is { } start ? Truncate(start) : null;
        EndAt = d.EndAt is { } end ? Truncate(end) : null;
        Attendees = [.. d.Attendees ?? []];
        OrderReference = d.OrderReference;
        Amount = d.Amount;
        Currency = d.Currency;
        Contacts.RemoveAll(l => !d.ContactIds.Contains(l.ContactId));
        foreach (var id in d.ContactIds.Where(id => Contacts.TrueForAll(l => l.ContactId != id))) Contacts.Add(new ActivityContact(WorkspaceId, Id, id));
        Companies.RemoveAll(l => !d.CompanyIds.Contains(l.CompanyId));
        foreach (var id in d.CompanyIds.Where(id => Companies.TrueForAll(l => l.CompanyId != id))) Companies.Add(new ActivityCompany(WorkspaceId, Id, id));
        var deals = d.DealIds ?? [];
        Deals.RemoveAll(l => !deals.Contains(l.DealId));
        foreach (var id in deals.Where(id => Deals.TrueForAll(l => l.DealId != id))) Deals.Add(new ActivityDeal(WorkspaceId, Id, id));
        return !Same(before, Details);
    }

    private static bool Same(ActivityDetails a, ActivityDetails b)
        => a with { ContactIds = [], CompanyIds = [], To = null, Cc = null, Attendees = null, DealIds = null }
               == b with { ContactIds = [], CompanyIds = [], To = null, Cc = null, Attendees = null, DealIds = null }
           && a.ContactIds.Order().SequenceEqual(b.ContactIds.Order()) && a.CompanyIds.Order().SequenceEqual(b.CompanyIds.Order())
           && (a.DealIds ?? []).Order().SequenceEqual((b.DealIds ?? []).Order())
           && (a.To ?? []).SequenceEqual(b.To ?? []) && (a.Cc ?? []).SequenceEqual(b.Cc ?? [])
           && (a.Attendees ?? []).SequenceEqual(b.Attendees ?? []);
}
