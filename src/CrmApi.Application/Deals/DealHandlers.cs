using CrmApi.Application.Common;
using CrmApi.Application.Records;
using CrmApi.Domain.Deals;
using Microsoft.EntityFrameworkCore;

namespace CrmApi.Application.Deals;

/// <summary>
/// Deal use cases: the shared record ones (create, read, merge patch with stage moves, delete, restore, lists, history)
/// and a deal's stage history.
/// </summary>
public sealed class DealHandlers(RecordServices services)
    : RecordHandlers<Deal, DealInput, DealDetails, DealDto>(Definition, services)
{
    private static readonly DealDefinition Definition = new();

    /// <summary>Each stay of a live deal in a stage, oldest first.</summary>
    public async Task<Result<IReadOnlyList<StageStayDto>>> StageHistoryAsync(Guid id, CancellationToken ct)
    {
        if (!await Services.Db.Deals.AnyAsync(d => d.Id == id, ct)) return NotFound;
        var stays = await Services.Db.DealStageStays.AsNoTracking().Where(s => s.DealId == id)
            .OrderBy(s => s.EnteredAt).ThenBy(s => s.Id).ToListAsync(ct);
        var now = Services.Clock.GetUtcNow();
        return stays.Select(s => StageStayDto.From(s, now)).ToList();
    }

    /// <summary>The deals in a stage, deleted ones included, loaded to be changed.</summary>
    public Task<List<Deal>> InStageAsync(Guid pipelineId, string stage, CancellationToken ct)
        => Definition.Query(Services.Db, includeDeleted: true).Where(d => d.PipelineId == pipelineId && d.Stage == stage).ToListAsync(ct);
}
