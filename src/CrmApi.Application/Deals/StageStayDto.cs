using CrmApi.Application.Events;
using CrmApi.Domain.Deals;

namespace CrmApi.Application.Deals;

/// <summary>
/// One stay of a deal in a stage. <c>leftAt</c> is null for the stage it is in now, whose <c>durationSeconds</c> runs
/// up to the time of the read; <c>movedBy</c> is who moved the deal into the stage.
/// </summary>
public sealed record StageStayDto(Guid PipelineId, string Stage, DateTimeOffset EnteredAt, DateTimeOffset? LeftAt, long DurationSeconds, EventActorDto MovedBy)
{
    public static StageStayDto From(DealStageStay s, DateTimeOffset now) => new(
        s.PipelineId, s.Stage, s.EnteredAt, s.LeftAt, (long)((s.LeftAt ?? now) - s.EnteredAt).TotalSeconds, new EventActorDto(s.ActorType, s.ActorId));
}
