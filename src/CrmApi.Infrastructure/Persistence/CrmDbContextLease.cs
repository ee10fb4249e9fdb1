using CrmApi.Application.Common;
using CrmApi.Application.Events;
using CrmApi.Infrastructure.Persistence.Providers;
using Microsoft.EntityFrameworkCore;

namespace CrmApi.Infrastructure.Persistence;

/// <summary>
/// A scope's context from the pool, bound to the scope's workspace; the scope's end returns it, once. The container
/// hands the same context out as <see cref="CrmDbContext"/> and as <see cref="ICrmDbContext"/>, and disposes it for
/// each: those disposals do nothing while the lease holds it.
/// </summary>
internal sealed class CrmDbContextLease : IAsyncDisposable, IDisposable
{
    public CrmDbContextLease(IDbContextFactory<CrmDbContext> pool, WorkspaceContext workspace, IDatabaseProvider provider, IEventSignal signal)
    {
        Context = pool.CreateDbContext().Bind(workspace, provider, signal);
        Context.MarkLeased();
    }

    public CrmDbContext Context { get; }

    public ValueTask DisposeAsync() => Context.ReturnAsync();

    public void Dispose() => Context.Return();
}
