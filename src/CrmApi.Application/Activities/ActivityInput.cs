using CrmApi.Domain.Activities;
using TaskStatus = CrmApi.Domain.Activities.TaskStatus;

namespace CrmApi.Application.Activities;

/// <summary>
/// The writable fields of an activity, linked to contacts, companies and deals (at least one). <c>type</c> decides which of the others apply: note (body); task (title,
/// dueAt, status, assignee); call (direction, durationSeconds, outcome, body); email (direction, subject, from, to, cc,
/// sentAt, bodyPreview); meeting (title, startAt, endAt, attendees, body); purchase (orderReference, amount, currency).
/// </summary>
public sealed class ActivityInput
{
    public ActivityType? Type { get; init; }
    public DateTimeOffset? OccurredAt { get; init; }
    public List<Guid>? ContactIds { get; init; }
    public List<Guid>? CompanyIds { get; init; }
    public List<Guid>? DealIds { get; init; }
    public string? Body { get; init; }
    public string? Title { get; init; }
    public DateTimeOffset? DueAt { get; init; }
    public TaskStatus? Status { get; init; }
    public string? Assignee { get; init; }
    public Direction? Direction { get; init; }
    public int? DurationSeconds { get; init; }
    public string? Outcome { get; init; }
    public string? Subject { get; init; }
    public string? From { get; init; }
    public List<string?>? To { get; init; }
    public List<string?>? Cc { get; init; }
    public DateTimeOffset? SentAt { get; init; }
    public string? BodyPreview { get; init; }
    public DateTimeOffset? StartAt { get; init; }
    public DateTimeOffset? EndAt { get; init; }
    public List<string?>? Attendees { get; init; }
    public string? OrderReference { get; init; }
    public decimal? Amount { get; init; }
    public string? Currency { get; init; }

    public static ActivityInput Of(ActivityDetails d) => new()
    {
        Type = d.Type, OccurredAt = d.OccurredAt, ContactIds = [.. d.ContactIds], CompanyIds = [.. d.CompanyIds],
        DealIds = d.DealIds is { Count: > 0 } deals ? [.. deals] : null, Body = d.Body,
        Title = d.Title, DueAt = d.DueAt, Status = d.Status, Assignee = d.Assignee, Direction = d.Direction,
        DurationSeconds = d.DurationSeconds, Outcome = d.Outcome, Subject = d.Subject, From = d.From,
        To = d.To is { Count: > 0 } to ? [.. to] : null, Cc = d.Cc is { Count: > 0 } cc ? [.. cc] : null, SentAt = d.SentAt,
        BodyPreview = d.BodyPreview, StartAt = d.StartAt, EndAt = d.EndAt,
        Attendees = d.Attendees is { Count: > 0 } a ? [.. a] : null, OrderReference = d.OrderReference, Amount = d.Amount, Currency = d.Currency,
    };
}
