using CrmApi.Application.Common;
using CrmApi.Domain.Common;
using CrmApi.Domain.Companies;
using CrmApi.Domain.Contacts;
using CrmApi.Domain.Workspaces;
using CrmApi.Infrastructure.Persistence.Providers;
using Microsoft.EntityFrameworkCore;

namespace CrmApi.Infrastructure.Persistence;

/// <summary>
/// The one EF Core context. Workspace-owned rows are filtered by the current workspace (named filter "workspace") and
/// soft-deleted records hidden (named filter "softDelete"); writes are checked against the workspace and pass the
/// provider's write gate.
/// </summary>
public sealed class CrmDbContext(DbContextOptions<CrmDbContext> options, WorkspaceContext workspace, IDatabaseProvider provider)
    : DbContext(options), ICrmDbContext
{
    public DbSet<Workspace> Workspaces => Set<Workspace>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<ContactExternalId> ContactExternalIds => Set<ContactExternalId>();
    public DbSet<ContactCompany> ContactCompanies => Set<ContactCompany>();
    public DbSet<Company> Companies => Set<Company>();
    public DbSet<CompanyExternalId> CompanyExternalIds => Set<CompanyExternalId>();

    /// <summary>Read by the query filters on every query; an unset workspace matches no row.</summary>
    private Guid CurrentWorkspaceId => workspace.Id ?? Guid.Empty;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CrmDbContext).Assembly);
        foreach (var type in modelBuilder.Model.GetEntityTypes().Where(t => typeof(IWorkspaceOwned).IsAssignableFrom(t.ClrType) && t.BaseType is null))
            typeof(CrmDbContext).GetMethod(nameof(FilterByWorkspace), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                .MakeGenericMethod(type.ClrType).Invoke(this, [modelBuilder]);
        foreach (var type in modelBuilder.Model.GetEntityTypes().Where(t => typeof(Record).IsAssignableFrom(t.ClrType)))
            typeof(CrmDbContext).GetMethod(nameof(HideDeleted), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(type.ClrType).Invoke(null, [modelBuilder]);
    }

    private void FilterByWorkspace<T>(ModelBuilder b) where T : class, IWorkspaceOwned
        => b.Entity<T>().HasQueryFilter(QueryFilters.Workspace, e => e.WorkspaceId == CurrentWorkspaceId);

    private static void HideDeleted<T>(ModelBuilder b) where T : Record
        => b.Entity<T>().HasQueryFilter(QueryFilters.SoftDelete, e => e.DeletedAt == null);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
        => provider.ConfigureConventions(configurationBuilder);

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        CheckWorkspace();
        using var _ = await provider.WriteGate.EnterAsync(cancellationToken);
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException && provider.IsUniqueViolation(ex, out var constraint))
        {
            throw new UniqueConstraintException(constraint, ex);
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
        => throw new NotSupportedException("Use SaveChangesAsync: writes pass the asynchronous write gate.");

    /// <summary>A row of another workspace must never be written from this one: that would be a bug, not bad input.</summary>
    private void CheckWorkspace()
    {
        if (workspace.Id is not { } current) return;
        foreach (var entry in ChangeTracker.Entries<IWorkspaceOwned>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && entry.Entity.WorkspaceId != current)
                throw new InvalidOperationException($"A {entry.Metadata.ClrType.Name} of another workspace was about to be written.");
        }
    }
}
