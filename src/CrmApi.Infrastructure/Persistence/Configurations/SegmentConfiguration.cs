using CrmApi.Domain.Segments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmApi.Infrastructure.Persistence.Configurations;

internal sealed class SegmentConfiguration : IEntityTypeConfiguration<Segment>
{
    public void Configure(EntityTypeBuilder<Segment> b)
    {
        b.ToTable("segments");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.Name).HasMaxLength(Segment.NameMax);
        b.Property(s => s.ObjectType).HasMaxLength(20);
        b.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasIndex(s => new { s.WorkspaceId, s.CreatedAt });
    }
}

internal sealed class SegmentMemberConfiguration : IEntityTypeConfiguration<SegmentMember>
{
    public void Configure(EntityTypeBuilder<SegmentMember> b)
    {
        b.ToTable("segment_members");
        b.HasKey(m => new { m.SegmentId, m.RecordId });
        b.HasOne<Segment>().WithMany().HasForeignKey(m => m.SegmentId).OnDelete(DeleteBehavior.Cascade);
        // The segments of a record.
        b.HasIndex(m => new { m.WorkspaceId, m.RecordId });
    }
}

internal sealed class SegmentProgressConfiguration : IEntityTypeConfiguration<SegmentProgress>
{
    public void Configure(EntityTypeBuilder<SegmentProgress> b)
    {
        b.ToTable("segment_progress");
        b.HasKey(p => p.SegmentId);
        b.HasOne<Segment>().WithOne().HasForeignKey<SegmentProgress>(p => p.SegmentId).OnDelete(DeleteBehavior.Cascade);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasIndex(p => p.WorkspaceId);
    }
}

internal sealed class SegmentCursorConfiguration : IEntityTypeConfiguration<SegmentCursor>
{
    public void Configure(EntityTypeBuilder<SegmentCursor> b)
    {
        b.ToTable("segment_cursors");
        b.HasKey(c => c.WorkspaceId);
        b.Property(c => c.WorkspaceId).ValueGeneratedNever();
        b.Property(c => c.Version).IsConcurrencyToken();
    }
}
