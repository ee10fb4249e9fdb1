using CrmApi.Application.Records;
using CrmApi.Domain.Activities;
using TaskStatus = CrmApi.Domain.Activities.TaskStatus;

namespace CrmApi.Application.Activities;

/// <summary>An activity as the API returns it; fields of other types are null.</summary>
public sealed record ActivityDto(
    Guid Id,
    ActivityType Type,
    DateTimeOffset OccurredAt,
    IReadOnlyList<Guid> ContactIds,
    IReadOnlyList<Guid> CompanyIds,
    IReadOnlyList<Guid> DealIds,
    string? Body,
    string? Title,
    DateTimeOffset? DueAt,
    TaskStatus? Status,
    string? Assignee,
    Direction? Direction,
    int? DurationSeconds,
    string? Outcome,
    string? Subject,
    string? From,
    IReadOnlyList<string> To,
    IReadOnlyList<string> Cc,
    DateTimeOffset? SentAt,
    string? BodyPreview,
    DateTimeOffset? StartAt,
    DateTimeOffset? EndAt,
    IReadOnlyList<string> Attendees,
    string? OrderReference,
    decimal? Amount,
    string? Currency,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version) : IRecordDto
{
    public static ActivityDto Of(Activity a) => new(
        a.Id, a.Type, a.OccurredAt, [.. a.Contacts.Select(c => c.ContactId).Order()], [.. a.Companies.Select(c => c.CompanyId).Order()],
        [.. a.Deals.Select(d => d.DealId).Order()],
        a.Body, a.Title, a.DueAt, a.Status, a.Assignee, a.Direction, a.DurationSeconds, a.Outcome, a.Subject, a.From, a.To, a.Cc,
        a.SentAt, a.BodyPreview, a.StartAt, a.EndAt, a.Attendees, a.OrderReference, a.Amount, a.Currency, a.CreatedAt, a.UpdatedAt,
        a.Version);
}
