using CrmApi.Domain.Activities;
using CrmApi.Domain.Companies;
using CrmApi.Domain.Contacts;
using CrmApi.Domain.CustomFields;
using CrmApi.Domain.Deals;
using CrmApi.Domain.Pipelines;
using CrmApi.Domain.Events;
using CrmApi.Domain.Tickets;
using CrmApi.Domain.Segments;
using CrmApi.Domain.Webhooks;
using CrmApi.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace CrmApi.Application.Common;

/// <summary>
/// The data port. Infrastructure implements it on one EF Core context per provider; every workspace-owned set is
/// already filtered to the current workspace.
/// </summary>
public interface ICrmDbContext
{
    DbSet<Workspace> Workspaces { get; }
    DbSet<ApiKey> ApiKeys { get; }
    DbSet<Contact> Contacts { get; }
    DbSet<ContactExternalId> ContactExternalIds { get; }
    DbSet<ContactCompany> ContactCompanies { get; }
    DbSet<Company> Companies { get; }
    DbSet<CompanyExternalId> CompanyExternalIds { get; }
    DbSet<Activity> Activities { get; }
    DbSet<ActivityContact> ActivityContacts { get; }
    DbSet<ActivityCompany> ActivityCompanies { get; }
    DbSet<ActivityDeal> ActivityDeals { get; }
    DbSet<Pipeline> Pipelines { get; }
    DbSet<PipelineStage> PipelineStages { get; }
    DbSet<Deal> Deals { get; }
    DbSet<DealExternalId> DealExternalIds { get; }
    DbSet<DealContact> DealContacts { get; }
    DbSet<DealCompany> DealCompanies { get; }
    DbSet<DealStageStay> DealStageStays { get; }
    DbSet<Ticket> Tickets { get; }
    DbSet<TicketExternalId> TicketExternalIds { get; }
    DbSet<TicketComment> TicketComments { get; }
    DbSet<TicketSlaBreach> TicketSlaBreaches { get; }
    DbSet<WebhookEndpoint> WebhookEndpoints { get; }
    DbSet<WebhookMessage> WebhookMessages { get; }
    DbSet<WebhookAttempt> WebhookAttempts { get; }
    DbSet<WebhookCheckpoint> WebhookCheckpoints { get; }
    DbSet<Segment> Segments { get; }
    DbSet<SegmentMember> SegmentMembers { get; }
    DbSet<SegmentProgress> SegmentProgress { get; }
    DbSet<SegmentCursor> SegmentCursors { get; }
    DbSet<CustomFieldDefinition> CustomFields { get; }
    DbSet<SlaPolicyDefinition> SlaPolicies { get; }
    DbSet<Event> Events { get; }
    DbSet<EventSequence> EventSequences { get; }

    DbSet<TEntity> Set<TEntity>() where TEntity : class;

    /// <summary>The change tracker's entry for an entity, e.g. to drop one a failed save left behind.</summary>
    Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry<TEntity> Entry<TEntity>(TEntity entity) where TEntity : class;

    /// <summary>
    /// Adds new rows that the next <see cref="SaveChangesAsync"/> writes, in its transaction and after its tracked
    /// changes, with the database's own bulk path (SQLite: one prepared INSERT reused; PostgreSQL: binary COPY) and
    /// without tracking them: for writes of many thousands of rows. Events among them get their positions like tracked ones.
    /// </summary>
    void AddInBulk<TEntity>(IEnumerable<TEntity> rows) where TEntity : class;

    /// <summary>
    /// Saves the unit of work. A unique-key violation surfaces as <see cref="UniqueConstraintException"/>, a lost race on a
    /// record's version as <see cref="DbUpdateConcurrencyException"/>.
    /// </summary>
    Task<int> SaveChangesAsync(CancellationToken ct = default);
}
