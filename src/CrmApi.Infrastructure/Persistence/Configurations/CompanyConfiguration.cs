using CrmApi.Domain.Companies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmApi.Infrastructure.Persistence.Configurations;

internal sealed class CompanyConfiguration : IEntityTypeConfiguration<Company>
{
    public void Configure(EntityTypeBuilder<Company> b)
    {
        b.ToTable("companies");
        b.ConfigureRecord();
        b.Property(c => c.Name).HasMaxLength(200);
        b.Property(c => c.Domain).HasMaxLength(253);
        b.Property(c => c.Industry).HasMaxLength(100);
        b.Property(c => c.Currency).HasMaxLength(3);
        b.ConfigureAddress(c => c.Address);
        b.ConfigureCustomSlots(c => c.Custom);
        b.HasMany(c => c.ExternalIds).WithOne().HasForeignKey(e => e.RecordId).OnDelete(DeleteBehavior.Cascade);
        // NULLs are distinct in unique indexes on both providers, so only set domains must be unique.
        b.HasIndex(c => new { c.WorkspaceId, c.Domain }).IsUnique();
        b.HasIndex(c => new { c.WorkspaceId, c.Name });
    }
}

internal sealed class CompanyExternalIdConfiguration : IEntityTypeConfiguration<CompanyExternalId>
{
    public void Configure(EntityTypeBuilder<CompanyExternalId> b) => b.ConfigureExternalIds("company_external_ids");
}
