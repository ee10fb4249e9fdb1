using CrmApi.Application.Common;
using Microsoft.EntityFrameworkCore;

namespace CrmApi.Application.Events;

/// <summary>Where a workspace's event log stands.</summary>
public static class EventPositions
{
    /// <summary>
    /// The position of the workspace's latest event, 0 before its first. Positions become visible in order, so every
    /// event up to it can be read now.
    /// </summary>
    public static async Task<long> LastAsync(ICrmDbContext db, Guid workspaceId, CancellationToken ct)
        => await db.EventSequences.Where(q => q.WorkspaceId == workspaceId).Select(q => (long?)q.Last).FirstOrDefaultAsync(ct) ?? 0;
}
