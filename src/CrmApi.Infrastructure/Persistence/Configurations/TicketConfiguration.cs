using System.Text.Json;
using CrmApi.Domain.Pipelines;
using CrmApi.Domain.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmApi.Infrastructure.Persistence.Configurations;

internal sealed class TicketConfiguration : IEntityTypeConfiguration<Ticket>
{
    public void Configure(EntityTypeBuilder<Ticket> b)
    {
        b.ToTable("tickets");
        b.ConfigureRecord();
        b.Property(t => t.Subject).HasMaxLength(300);
        b.Property(t => t.Description).HasMaxLength(32_000);
        b.Property(t => t.Stage).HasMaxLength(50);
        b.Property(t => t.State).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.Channel).HasConversion<string>().HasMaxLength(20);
        // Stored as its number, so sorting by priority runs low → urgent.
        b.Property(t => t.Priority);
        b.Property(t => t.AssigneeId).HasMaxLength(100);
        b.Property(t => t.SatisfactionComment).HasMaxLength(2000);
        b.Property(t => t.PriorityHistory).AsJson();
        b.Property(t => t.Pauses).AsJson();
        b.Ignore(t => t.StageChanges);
        b.Ignore(t => t.Assignment);
        b.Ignore(t => t.Place);
        b.Ignore(t => t.IsResolved);
        b.Ignore(t => t.SlaTimeline);
        b.Ignore(t => t.SatisfactionRefusal);
        b.ConfigureCustomSlots(t => t.Custom);
        b.HasMany(t => t.ExternalIds).WithOne().HasForeignKey(e => e.RecordId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(t => t.Requester).WithMany().HasForeignKey(t => t.RequesterId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne(t => t.Company).WithMany().HasForeignKey(t => t.CompanyId).OnDelete(DeleteBehavior.SetNull);
        // As for deals: the database refuses to remove a stage or pipeline that still holds tickets.
        b.HasOne<Pipeline>().WithMany().HasForeignKey(t => t.PipelineId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PipelineStage>().WithMany().HasForeignKey(t => new { t.PipelineId, t.Stage })
            .HasPrincipalKey(s => new { s.PipelineId, s.Key }).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(t => new { t.PipelineId, t.Stage });
        b.HasIndex(t => t.RequesterId);
        b.HasIndex(t => t.CompanyId);
        b.HasIndex(t => new { t.WorkspaceId, t.AssigneeId });
        // The breach worker looks for due targets across workspaces.
        b.HasIndex(t => t.FirstResponseDueAt);
        b.HasIndex(t => t.ResolutionDueAt);
    }
}

internal sealed class TicketExternalIdConfiguration : IEntityTypeConfiguration<TicketExternalId>
{
    public void Configure(EntityTypeBuilder<TicketExternalId> b) => b.ConfigureExternalIds("ticket_external_ids");
}

internal sealed class TicketCommentConfiguration : IEntityTypeConfiguration<TicketComment>
{
    public void Configure(EntityTypeBuilder<TicketComment> b)
    {
        b.ToTable("ticket_comments");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.Body).HasMaxLength(65_536);
        b.Property(c => c.AuthorType).HasMaxLength(20);
        b.Property(c => c.AuthorId).HasMaxLength(100);
        b.Property(c => c.AuthorName).HasMaxLength(200);
        b.Ignore(c => c.IsAgentReply);
        b.HasOne<Ticket>().WithMany().HasForeignKey(c => c.TicketId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => new { c.TicketId, c.CreatedAt, c.Id });
    }
}

internal sealed class TicketSlaBreachConfiguration : IEntityTypeConfiguration<TicketSlaBreach>
{
    public void Configure(EntityTypeBuilder<TicketSlaBreach> b)
    {
        b.ToTable("ticket_sla_breaches");
        b.HasKey(x => new { x.TicketId, x.Target });
        b.Property(x => x.Target).HasConversion<string>().HasMaxLength(20);
        b.HasOne<Ticket>().WithMany().HasForeignKey(x => x.TicketId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal static class JsonColumns
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>A small list kept as JSON text in one column; compared by content, so replacing or changing it is saved.</summary>
    public static PropertyBuilder<List<T>> AsJson<T>(this PropertyBuilder<List<T>> property)
        => property.HasConversion(
            v => JsonSerializer.Serialize(v, Options),
            v => JsonSerializer.Deserialize<List<T>>(v, Options) ?? new List<T>(),
            new ValueComparer<List<T>>(
                (a, b) => (a == null && b == null) || (a != null && b != null && a.SequenceEqual(b)),
                v => v.Aggregate(0, (h, x) => HashCode.Combine(h, x)),
                v => v.ToList()));
}
