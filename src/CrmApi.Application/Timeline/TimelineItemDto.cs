using CrmApi.Application.Activities;
using CrmApi.Application.Events;

namespace CrmApi.Application.Timeline;

/// <summary>One entry of a record's timeline: an activity linked to it, or an event about it.</summary>
public sealed record TimelineItemDto(string Kind, Guid Id, DateTimeOffset OccurredAt, ActivityDto? Activity, EventDto? Event);
