using CrmApi.Application.Common;
using Microsoft.Extensions.DependencyInjection;

namespace CrmApi.Infrastructure.Housekeeping;

/// <summary>Scopes for background work done on behalf of one workspace.</summary>
public static class WorkspaceScopes
{
    /// <summary>A new scope acting as the system in <paramref name="workspaceId"/>: what a worker's use case sees and writes.</summary>
    public static AsyncServiceScope CreateWorkspaceScope(this IServiceScopeFactory scopes, Guid workspaceId)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<WorkspaceContext>().Set(workspaceId, "system", null);
        return scope;
    }
}
