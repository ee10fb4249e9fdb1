using CrmApi.Application.Events;
using CrmApi.Application.Records;
using CrmApi.Domain.Deals;
using CrmApi.Domain.Events;
using Microsoft.EntityFrameworkCore;

namespace CrmApi.Application.Deals;

/// <summary>
/// Turns a deal's stage entries into stage history (one stay per stage entered, the previous one closed) and events:
/// <c>deal.stage_changed</c> for a move, <c>deal.won</c> or <c>deal.lost</c> when it enters a won or lost stage from
/// one that was not (a deal created in such a stage counts). All in the unit of work of the change.
/// </summary>
public static class DealStageEvents
{
    public static async Task RecordAsync(RecordServices services, Deal deal, DealDto dto, CancellationToken ct)
    {
        foreach (var change in deal.StageChanges)
        {
            if (change.From is { } from)
            {
                foreach (var stay in await services.Db.DealStageStays.Where(s => s.DealId == deal.Id && s.LeftAt == null).ToListAsync(ct))
                    stay.Leave(change.At);
                var data = new DealStageChangeDto(deal.Id, StageRefDto.From(from), StageRefDto.From(change.To),
                    (long)(change.TimeInFrom ?? TimeSpan.Zero).TotalSeconds, change.At, dto);
                services.Events.Record(EventTypes.DealStageChanged, "deal", deal.Id, EventRecorder.ToJson(data));
            }
            services.Db.DealStageStays.Add(new DealStageStay(Guid.CreateVersion7(change.At), deal.WorkspaceId, deal.Id,
                change.To.PipelineId, change.To.Stage, change.At, services.Workspace.ActorType, services.Workspace.ActorId));
            if (change.Won) services.Events.Record(EventTypes.DealWon, "deal", deal.Id, EventRecorder.ToJson(dto));
            if (change.Lost) services.Events.Record(EventTypes.DealLost, "deal", deal.Id, EventRecorder.ToJson(dto));
        }
        deal.ClearStageChanges();
    }
}
