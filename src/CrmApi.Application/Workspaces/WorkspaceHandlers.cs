using System.Text.Json.Nodes;
using CrmApi.Application.ApiKeys;
using CrmApi.Application.Common;
using CrmApi.Application.Common.Validation;
using CrmApi.Application.Pipelines;
using CrmApi.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace CrmApi.Application.Workspaces;

public sealed class WorkspaceHandlers(ICrmDbContext db, WorkspaceContext workspace, ApiKeyHandlers keys, TimeProvider clock)
{
    public const string DefaultName = "Default";

    /// <summary>Creates a workspace with one full-scope key (a platform administrator's operation).</summary>
    public async Task<Result<CreatedWorkspaceDto>> CreateAsync(JsonObject body, CancellationToken ct)
    {
        var input = JsonInput.Read<CreateWorkspaceInput>(body);
        if (!input.IsSuccess) return Result<CreatedWorkspaceDto>.Fail(input.Errors);
        var errors = new List<Error>();
        var name = Rules.RequiredText(errors, "name", input.Value!.Name, Rules.NameMax);
        if (errors.Count > 0) return Result<CreatedWorkspaceDto>.Fail(errors);

        var created = Create(name);
        return await Writes.SaveAsync(db, ct) is { } error ? error : created;
    }

    public async Task<Result<WorkspaceDto>> GetCurrentAsync(CancellationToken ct)
    {
        var id = workspace.RequiredId;
        var ws = await db.Workspaces.FirstOrDefaultAsync(w => w.Id == id, ct);
        return ws is null ? Error.NotFound("workspace") : new WorkspaceDto(ws.Id, ws.Name, ws.CreatedAt);
    }

    /// <summary>
    /// On a new database, creates the "Default" workspace and returns its full-scope key so the first run just works;
    /// returns null when any workspace exists already.
    /// </summary>
    public async Task<CreatedWorkspaceDto?> EnsureDefaultAsync(CancellationToken ct)
    {
        if (await db.Workspaces.AnyAsync(ct)) return null;
        var created = Create(DefaultName);
        await db.SaveChangesAsync(ct);
        return created;
    }

    private CreatedWorkspaceDto Create(string name)
    {
        var now = clock.GetUtcNow();
        var ws = new Workspace(Guid.CreateVersion7(now), name, now);
        db.Workspaces.Add(ws);
        db.Pipelines.AddRange(PipelineDefaults.For(ws.Id, now));
        var key = keys.Issue(ws.Id, "Initial key", [Scopes.All], null, now);
        return new CreatedWorkspaceDto(ws.Id, ws.Name, ws.CreatedAt, key);
    }
}
