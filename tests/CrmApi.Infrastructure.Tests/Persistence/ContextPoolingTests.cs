using CrmApi.Application;
using CrmApi.Application.Common;
using CrmApi.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CrmApi.Infrastructure.Tests.Persistence;

/// <summary>
/// Contexts are pooled, and a scope hands its context out both as <see cref="CrmDbContext"/> and as
/// <see cref="ICrmDbContext"/>: the scope's end must return it to the pool once, or two later scopes (two requests of
/// different workspaces) would share one instance.
/// </summary>
public sealed class ContextPoolingTests
{
    [Fact]
    public async Task Disposing_a_handed_out_context_does_not_return_it_while_its_scope_lives()
    {
        await using var root = Services();
        await using var first = root.CreateAsyncScope();
        var context = first.ServiceProvider.GetRequiredService<CrmDbContext>();
        first.ServiceProvider.GetRequiredService<ICrmDbContext>().ShouldBeSameAs(context);
        // What the container does for the first of the two services at the scope's end, before its other disposals.
        await context.DisposeAsync();

        await using var second = root.CreateAsyncScope();
        second.ServiceProvider.GetRequiredService<CrmDbContext>().ShouldNotBeSameAs(context);
    }

    [Fact]
    public async Task A_scope_returns_its_context_once_so_two_later_scopes_get_two_contexts()
    {
        await using var root = Services();
        await using (var scope = root.CreateAsyncScope())
        {
            _ = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            _ = scope.ServiceProvider.GetRequiredService<ICrmDbContext>();
        }

        await using var a = root.CreateAsyncScope();
        await using var b = root.CreateAsyncScope();
        a.ServiceProvider.GetRequiredService<CrmDbContext>().ShouldNotBeSameAs(b.ServiceProvider.GetRequiredService<CrmDbContext>());
    }

    [Fact]
    public async Task A_reused_context_filters_by_the_workspace_of_its_new_scope()
    {
        await using var root = Services();
        var (one, two) = (Guid.NewGuid(), Guid.NewGuid());
        CrmDbContext used;
        await using (var scope = root.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<WorkspaceContext>().Set(one, "system", null);
            used = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            used.CurrentWorkspaceId.ShouldBe(one);
        }
        await using (var scope = root.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<WorkspaceContext>().Set(two, "system", null);
            var again = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            again.ShouldBeSameAs(used);
            again.CurrentWorkspaceId.ShouldBe(two);
        }
    }

    private static ServiceProvider Services()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Crm:Database:Provider"] = "sqlite",
            ["ConnectionStrings:Crm"] = $"Data Source={Path.Combine(Path.GetTempPath(), $"crm-pool-{Guid.NewGuid():N}.db")}",
        }).Build();
        return new ServiceCollection().AddLogging().AddCrmApplication().AddCrmInfrastructure(config).BuildServiceProvider();
    }
}
