using CrmApi.Domain.Deals;
using CrmApi.Domain.Pipelines;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmApi.Infrastructure.Persistence.Configurations;

internal sealed class DealConfiguration : IEntityTypeConfiguration<Deal>
{
    public void Configure(EntityTypeBuilder<Deal> b)
    {
        b.ToTable("deals");
        b.ConfigureRecord();
        b.Property(d => d.Name).HasMaxLength(200);
        b.Property(d => d.Currency).HasMaxLength(3);
        b.Property(d => d.Stage).HasMaxLength(50);
        b.Property(d => d.StageCategory).HasConversion<string>().HasMaxLength(20);
        b.Property(d => d.OwnerId).HasMaxLength(100);
        b.Property(d => d.LostReason).HasMaxLength(1000);
        b.Property(d => d.Source).HasMaxLength(100);
        b.Ignore(d => d.StageChanges);
        b.Ignore(d => d.Place);
        b.ConfigureCustomSlots(d => d.Custom);
        b.HasMany(d => d.ExternalIds).WithOne().HasForeignKey(e => e.RecordId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(d => d.Contacts).WithOne().HasForeignKey(l => l.DealId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(d => d.Companies).WithOne().HasForeignKey(l => l.DealId).OnDelete(DeleteBehavior.Cascade);
        // A deal's pipeline and stage exist: the database refuses to remove a stage or pipeline that still holds deals
        // (deleted deals included, as they can be restored), behind the use cases' own checks.
        b.HasOne<Pipeline>().WithMany().HasForeignKey(d => d.PipelineId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PipelineStage>().WithMany().HasForeignKey(d => new { d.PipelineId, d.Stage })
            .HasPrincipalKey(s => new { s.PipelineId, s.Key }).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(d => new { d.PipelineId, d.Stage });
        b.HasIndex(d => new { d.WorkspaceId, d.ExpectedCloseDate });
        b.HasIndex(d => new { d.WorkspaceId, d.OwnerId });
    }
}

internal sealed class DealExternalIdConfiguration : IEntityTypeConfiguration<DealExternalId>
{
    public void Configure(EntityTypeBuilder<DealExternalId> b) => b.ConfigureExternalIds("deal_external_ids");
}

internal sealed class DealContactConfiguration : IEntityTypeConfiguration<DealContact>
{
    public void Configure(EntityTypeBuilder<DealContact> b)
    {
        b.ToTable("deal_contacts");
        b.HasKey(l => new { l.DealId, l.ContactId });
        b.Property(l => l.Role).HasMaxLength(100);
        b.HasOne(l => l.Contact).WithMany().HasForeignKey(l => l.ContactId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(l => l.ContactId);
    }
}

internal sealed class DealCompanyConfiguration : IEntityTypeConfiguration<DealCompany>
{
    public void Configure(EntityTypeBuilder<DealCompany> b)
    {
        b.ToTable("deal_companies");
        b.HasKey(l => new { l.DealId, l.CompanyId });
        b.HasOne(l => l.Company).WithMany().HasForeignKey(l => l.CompanyId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(l => l.CompanyId);
    }
}

internal sealed class DealStageStayConfiguration : IEntityTypeConfiguration<DealStageStay>
{
    public void Configure(EntityTypeBuilder<DealStageStay> b)
    {
        b.ToTable("deal_stage_stays");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.Stage).HasMaxLength(50);
        b.Property(s => s.ActorType).HasMaxLength(20);
        b.Property(s => s.ActorId).HasMaxLength(100);
        b.HasOne<Deal>().WithMany().HasForeignKey(s => s.DealId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => new { s.DealId, s.EnteredAt });
    }
}
