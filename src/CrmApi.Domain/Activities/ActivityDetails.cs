namespace CrmApi.Domain.Activities;

/// <summary>
/// Everything a client can write on an activity, validated: only the fields of its <see cref="Type"/> are set.
/// A missing <see cref="OccurredAt"/> means "when it was recorded"; <see cref="DealIds"/> null means none.
/// </summary>
public sealed record ActivityDetails(
    ActivityType Type,
    DateTimeOffset? OccurredAt,
    IReadOnlyList<Guid> ContactIds,
    IReadOnlyList<Guid> CompanyIds,
    string? Body = null,
    string? Title = null,
    DateTimeOffset? DueAt = null,
    TaskStatus? Status = null,
    string? Assignee = null,
    Direction? Direction = null,
    int? DurationSeconds = null,
    string? Outcome = null,
    string? Subject = null,
    string? From = null,
    IReadOnlyList<string>? To = null,
    IReadOnlyList<string>? Cc = null,
    DateTimeOffset? SentAt = null,
    string? BodyPreview = null,
    DateTimeOffset? StartAt = null,
    DateTimeOffset? EndAt = null,
    IReadOnlyList<string>? Attendees = null,
    string? OrderReference = null,
    decimal? Amount = null,
    string? Currency = null,
    IReadOnlyList<Guid>? DealIds = null);
