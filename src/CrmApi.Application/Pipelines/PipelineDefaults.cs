using CrmApi.Application.Common;
using CrmApi.Domain.Pipelines;
using CrmApi.Domain.Tickets;
using Microsoft.EntityFrameworkCore;

namespace CrmApi.Application.Pipelines;

/// <summary>
/// The pipelines every workspace starts with, one default per object type. New workspaces get them when they are made;
/// workspaces made before pipelines existed get them on first use (listing or creating pipelines, a deal without a pipeline).
/// </summary>
public static class PipelineDefaults
{
    public static IReadOnlyList<Pipeline> For(Guid workspaceId, DateTimeOffset now) =>
    [
        new(Guid.CreateVersion7(now), workspaceId, "Sales pipeline", PipelineObjectType.Deal,
        [
            new("appointment_scheduled", "Appointment scheduled", 0.2m, StageCategory.Open, null),
            new("qualified", "Qualified to buy", 0.4m, StageCategory.Open, null),
            new("proposal", "Proposal sent", 0.6m, StageCategory.Open, null),
            new("negotiation", "Negotiation", 0.8m, StageCategory.Open, null),
            new("won", "Closed won", 1m, StageCategory.Won, null),
            new("lost", "Closed lost", 0m, StageCategory.Lost, null),
        ], isDefault: true, now),
        new(Guid.CreateVersion7(now), workspaceId, "Support pipeline", PipelineObjectType.Ticket,
        [
            new("new", "New", null, null, TicketState.New),
            new("open", "Open", null, null, TicketState.Open),
            new("pending", "Waiting on customer", null, null, TicketState.Pending),
            new("solved", "Solved", null, null, TicketState.Solved),
            new("closed", "Closed", null, null, TicketState.Closed),
        ], isDefault: true, now),
    ];

    /// <summary>
    /// Gives the current workspace a default pipeline of each object type and saves it: the built-in one when it has no
    /// pipeline of that type, else its oldest (a change of default cut off between its two saves). Two requests may race
    /// here: the database keeps one default per object type, and the loser drops its copies.
    /// </summary>
    public static async Task EnsureAsync(ICrmDbContext db, WorkspaceContext workspace, TimeProvider clock, CancellationToken ct)
    {
        var present = await db.Pipelines.Select(p => new { p.Id, p.ObjectType, p.IsDefault, p.CreatedAt }).ToListAsync(ct);
        if (present.Count > 0 && present.Where(p => p.IsDefault).Select(p => p.ObjectType).Distinct().Count() == Enum.GetValues<PipelineObjectType>().Length)
            return;
        var now = clock.GetUtcNow();
        var added = new List<Pipeline>();
        foreach (var builtIn in For(workspace.RequiredId, now))
        {
            var ofType = present.Where(p => p.ObjectType == builtIn.ObjectType).ToList();
            if (ofType.Any(p => p.IsDefault)) continue;
            if (ofType.Count == 0)
            {
                db.Pipelines.Add(builtIn);
                added.Add(builtIn);
                continue;
            }
            var oldest = ofType.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).First().Id;
            (await db.Pipelines.FirstAsync(p => p.Id == oldest, ct)).SetDefault(true, now);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (UniqueConstraintException)
        {
            foreach (var pipeline in added)
            {
                foreach (var stage in pipeline.Stages.ToList()) db.Entry(stage).State = EntityState.Detached;
                db.Entry(pipeline).State = EntityState.Detached;
            }
        }
    }
}
