using CrmApi.Domain.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmApi.Infrastructure.Persistence.Configurations;

internal sealed class EventConfiguration : IEntityTypeConfiguration<Event>
{
    public void Configure(EntityTypeBuilder<Event> b)
    {
        b.ToTable("events");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.Type).HasMaxLength(100);
        b.Property(e => e.ObjectType).HasMaxLength(50);
        b.Property(e => e.ActorType).HasMaxLength(20);
        b.Property(e => e.ActorId).HasMaxLength(100);
        b.Property(e => e.RelatedType).HasMaxLength(50);
        // The feed reads by position; a position is unique in its workspace.
        b.HasIndex(e => new { e.WorkspaceId, e.Sequence }).IsUnique();
        // A record's history and timeline read its events by position.
        b.HasIndex(e => new { e.WorkspaceId, e.ObjectId, e.Sequence });
        b.HasIndex(e => new { e.WorkspaceId, e.RelatedId, e.Sequence });
        // Retention deletes by time.
        b.HasIndex(e => e.OccurredAt);
    }
}

internal sealed class EventSequenceConfiguration : IEntityTypeConfiguration<EventSequence>
{
    public const string Table = "event_sequences";

    public void Configure(EntityTypeBuilder<EventSequence> b)
    {
        b.ToTable(Table);
        b.HasKey(s => s.WorkspaceId);
        b.Property(s => s.WorkspaceId).ValueGeneratedNever();
    }
}
