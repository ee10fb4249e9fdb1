using CrmApi.Application.Common;
using CrmApi.Application.Events;
using CrmApi.Domain.Events;
using CrmApi.Domain.Common;
using CrmApi.Domain.Activities;
using CrmApi.Domain.Companies;
using CrmApi.Domain.Contacts;
using CrmApi.Domain.CustomFields;
using CrmApi.Domain.Deals;
using CrmApi.Domain.Pipelines;
using CrmApi.Domain.Tickets;
using CrmApi.Domain.Segments;
using CrmApi.Domain.Webhooks;
using CrmApi.Domain.Workspaces;
using CrmApi.Infrastructure.Persistence.Bulk;
using CrmApi.Infrastructure.Persistence.Providers;
using Microsoft.EntityFrameworkCore;

namespace CrmApi.Infrastructure.Persistence;

/// <summary>
/// The one EF Core context. Workspace-owned rows are filtered by the current workspace (named filter "workspace") and
/// soft-deleted records hidden (named filter "softDelete"); writes are checked against the workspace and pass the
/// provider's write gate.
/// </summary>
/// <remarks>
/// Contexts are pooled (creating one costs more than a simple query): the pool builds them from the options alone, and
/// each lease binds the request's workspace, the provider and the event signal (<see cref="Bind"/>) before first use.
/// </remarks>
public sealed class CrmDbContext : DbContext, ICrmDbContext
{
    private WorkspaceContext _workspace = new();
    private IDatabaseProvider? _provider;
    private IEventSignal? _signal;

    /// <summary>The pool's constructor (it takes the options alone): <see cref="Bind"/> before use.</summary>
    public CrmDbContext(DbContextOptions<CrmDbContext> options) : base(options) { }

    /// <summary>Points a leased context at the request (or job) it serves; a pooled context is bound again on every lease.</summary>
    public CrmDbContext Bind(WorkspaceContext workspace, IDatabaseProvider provider, IEventSignal? signal = null)
    {
        _workspace = workspace;
        _provider = provider;
        _signal = signal;
        _bulk.Clear();
        return this;
    }

    /// <summary>
    /// Held by a <see cref="CrmDbContextLease"/>: the container disposes the context once for each service it is handed
    /// out as (the context and its port), and a second return to the pool would give one instance to two requests. Only
    /// the lease's end returns it.
    /// </summary>
    private bool _leased;

    internal void MarkLeased() => _leased = true;

    internal ValueTask ReturnAsync()
    {
        _leased = false;
        return base.DisposeAsync();
    }

    internal void Return()
    {
        _leased = false;
        base.Dispose();
    }

    public override void Dispose()
    {
        if (!_leased) base.Dispose();
    }

    public override ValueTask DisposeAsync() => _leased ? ValueTask.CompletedTask : base.DisposeAsync();

    private IDatabaseProvider Provider => _provider ?? throw new InvalidOperationException("The context is not bound to a provider.");

    public DbSet<Workspace> Workspaces => Set<Workspace>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<ContactExternalId> ContactExternalIds => Set<ContactExternalId>();
    public DbSet<ContactCompany> ContactCompanies => Set<ContactCompany>();
    public DbSet<Company> Companies => Set<Company>();
    public DbSet<CompanyExternalId> CompanyExternalIds => Set<CompanyExternalId>();
    public DbSet<Activity> Activities => Set<Activity>();
    public DbSet<ActivityContact> ActivityContacts => Set<ActivityContact>();
    public DbSet<ActivityCompany> ActivityCompanies => Set<ActivityCompany>();
    public DbSet<ActivityDeal> ActivityDeals => Set<ActivityDeal>();
    public DbSet<Pipeline> Pipelines => Set<Pipeline>();
    public DbSet<PipelineStage> PipelineStages => Set<PipelineStage>();
    public DbSet<Deal> Deals => Set<Deal>();
    public DbSet<DealExternalId> DealExternalIds => Set<DealExternalId>();
    public DbSet<DealContact> DealContacts => Set<DealContact>();
    public DbSet<DealCompany> DealCompanies => Set<DealCompany>();
    public DbSet<DealStageStay> DealStageStays => Set<DealStageStay>();
    public DbSet<Ticket> Tickets => Set<Ticket>();
    public DbSet<TicketExternalId> TicketExternalIds => Set<TicketExternalId>();
    public DbSet<TicketComment> TicketComments => Set<TicketComment>();
    public DbSet<TicketSlaBreach> TicketSlaBreaches => Set<TicketSlaBreach>();
    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();
    public DbSet<WebhookMessage> WebhookMessages => Set<WebhookMessage>();
    public DbSet<WebhookAttempt> WebhookAttempts => Set<WebhookAttempt>();
    public DbSet<WebhookCheckpoint> WebhookCheckpoints => Set<WebhookCheckpoint>();
    public DbSet<Segment> Segments => Set<Segment>();
    public DbSet<SegmentMember> SegmentMembers => Set<SegmentMember>();
    public DbSet<SegmentProgress> SegmentProgress => Set<SegmentProgress>();
    public DbSet<SegmentCursor> SegmentCursors => Set<SegmentCursor>();
    public DbSet<CustomFieldDefinition> CustomFields => Set<CustomFieldDefinition>();
    public DbSet<SlaPolicyDefinition> SlaPolicies => Set<SlaPolicyDefinition>();
    public DbSet<Event> Events => Set<Event>();
    public DbSet<EventSequence> EventSequences => Set<EventSequence>();

    /// <summary>Read by the query filters on every query; an unset workspace matches no row.</summary>
    internal Guid CurrentWorkspaceId => _workspace.Id ?? Guid.Empty;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CrmDbContext).Assembly);
        foreach (var type in modelBuilder.Model.GetEntityTypes().Where(t => typeof(IWorkspaceOwned).IsAssignableFrom(t.ClrType) && t.BaseType is null))
            typeof(CrmDbContext).GetMethod(nameof(FilterByWorkspace), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                .MakeGenericMethod(type.ClrType).Invoke(this, [modelBuilder]);
        foreach (var type in modelBuilder.Model.GetEntityTypes().Where(t => typeof(Record).IsAssignableFrom(t.ClrType)))
            typeof(CrmDbContext).GetMethod(nameof(HideDeleted), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(type.ClrType).Invoke(null, [modelBuilder]);
        Provider.ConfigureModel(modelBuilder);
    }

    private void FilterByWorkspace<T>(ModelBuilder b) where T : class, IWorkspaceOwned
        => b.Entity<T>().HasQueryFilter(QueryFilters.Workspace, e => e.WorkspaceId == CurrentWorkspaceId);

    private static void HideDeleted<T>(ModelBuilder b) where T : Record
        => b.Entity<T>().HasQueryFilter(QueryFilters.SoftDelete, e => e.DeletedAt == null);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
        => Provider.ConfigureConventions(configurationBuilder);

    /// <summary>New rows for the bulk path, in the order added; the next save writes them after its tracked changes.</summary>
    private readonly List<object> _bulk = [];

    public void AddInBulk<TEntity>(IEnumerable<TEntity> rows) where TEntity : class => _bulk.AddRange(rows);

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // Rows for the bulk path go with this save, written or not.
        var bulk = _bulk.ToList();
        _bulk.Clear();
        CheckWorkspace(bulk);
        var events = ChangeTracker.Entries<Event>().Where(e => e.State == EntityState.Added).Select(e => e.Entity)
            .Concat(bulk.OfType<Event>()).ToList();
        int saved;
        using (await Provider.WriteGate.EnterAsync(cancellationToken))
        {
            try
            {
                saved = events.Count == 0 && bulk.Count == 0
                    ? await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken)
                    : await SaveInTransactionAsync(events, bulk, acceptAllChangesOnSuccess, cancellationToken);
            }
            catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException && Provider.IsUniqueViolation(ex.InnerException, out var constraint))
            {
                throw new UniqueConstraintException(constraint, ex);
            }
        }
        if (_signal is not null && Database.CurrentTransaction is null)
            foreach (var ws in events.Select(e => e.WorkspaceId).Distinct()) _signal.Notify(ws);
        return saved;
    }

    /// <summary>
    /// Saves the change, its events and the rows for the bulk path in one transaction. Positions are reserved last-thing
    /// before the insert by bumping the workspace's sequence row; that row stays locked until commit, so a second writer
    /// of the same workspace gets its positions only after the first commits. Positions therefore become visible in
    /// order, and a feed reader can never see N and later find N-1. Tracked changes go first, so a version that moved
    /// fails the save before any bulk row is written.
    /// </summary>
    private async Task<int> SaveInTransactionAsync(List<Event> events, List<object> bulk, bool acceptAllChangesOnSuccess, CancellationToken ct)
    {
        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(ct) : null;
        try
        {
            foreach (var group in events.GroupBy(e => e.WorkspaceId))
            {
                var last = await Provider.ReserveSequenceAsync(this, group.Key, group.Count(), ct);
                var next = last - group.Count() + 1;
                foreach (var e in group) e.AssignSequence(next++);
            }
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
            foreach (var group in bulk.GroupBy(r => r.GetType()))
            {
                var table = BulkTable.Of(Model.FindEntityType(group.Key) ?? throw new InvalidOperationException($"{group.Key} is not mapped."));
                try
                {
                    await Provider.BulkInsertAsync(this, table, [.. group], ct);
                }
                catch (System.Data.Common.DbException ex)
                {
                    // As SaveChanges reports it, so a unique key taken by a concurrent write reads the same either way.
                    throw new DbUpdateException($"Writing {table.Name} in bulk failed.", ex);
                }
                saved += group.Count();
            }
            if (own is not null) await own.CommitAsync(ct);
            return saved;
        }
        catch
        {
            // Nothing was written: the reserved positions are rolled back with the rest.
            if (own is not null) await own.RollbackAsync(CancellationToken.None);
            throw;
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
        => throw new NotSupportedException("Use SaveChangesAsync: writes pass the asynchronous write gate.");

    /// <summary>A row of another workspace must never be written from this one: that would be a bug, not bad input.</summary>
    private void CheckWorkspace(List<object> bulk)
    {
        if (_workspace.Id is not { } current) return;
        foreach (var entry in ChangeTracker.Entries<IWorkspaceOwned>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && entry.Entity.WorkspaceId != current)
                throw new InvalidOperationException($"A {entry.Metadata.ClrType.Name} of another workspace was about to be written.");
        }
        if (bulk.OfType<IWorkspaceOwned>().FirstOrDefault(r => r.WorkspaceId != current) is { } other)
            throw new InvalidOperationException($"A {other.GetType().Name} of another workspace was about to be written.");
    }
}
