using CrmApi.Domain.Pipelines;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmApi.Infrastructure.Persistence.Configurations;

internal sealed class PipelineConfiguration : IEntityTypeConfiguration<Pipeline>
{
    public void Configure(EntityTypeBuilder<Pipeline> b)
    {
        b.ToTable("pipelines");
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.ObjectType).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.Ignore(p => p.Ordered);
        b.Ignore(p => p.FirstStage);
        b.HasMany(p => p.Stages).WithOne().HasForeignKey(s => s.PipelineId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => new { p.WorkspaceId, p.ObjectType, p.CreatedAt });
        // One default pipeline per object type in a workspace, enforced by the database too (two first reads of a
        // workspace made before pipelines existed may both try to create its defaults). The filter makes it so: only
        // default rows enter the index. The bare column is a valid predicate on both SQLite (integer) and PostgreSQL
        // (boolean). EF does not order changes under a filtered index, so a change of default saves the demotion first.
        b.HasIndex(p => new { p.WorkspaceId, p.ObjectType, p.IsDefault }).IsUnique().HasFilter("\"IsDefault\"")
            .HasDatabaseName("IX_pipelines_default");
    }
}

internal sealed class PipelineStageConfiguration : IEntityTypeConfiguration<PipelineStage>
{
    public void Configure(EntityTypeBuilder<PipelineStage> b)
    {
        b.ToTable("pipeline_stages");
        b.HasKey(s => new { s.PipelineId, s.Key });
        b.Property(s => s.Key).HasMaxLength(50);
        b.Property(s => s.Label).HasMaxLength(200);
        b.Property(s => s.Category).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.State).HasConversion<string>().HasMaxLength(20);
        b.Ignore(s => s.Details);
    }
}
