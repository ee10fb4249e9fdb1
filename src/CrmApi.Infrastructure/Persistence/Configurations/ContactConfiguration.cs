using CrmApi.Domain.Contacts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmApi.Infrastructure.Persistence.Configurations;

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> b)
    {
        b.ToTable("contacts");
        b.ConfigureRecord();
        b.Property(c => c.FirstName).HasMaxLength(200);
        b.Property(c => c.LastName).HasMaxLength(200);
        b.Property(c => c.Email).HasMaxLength(254);
        b.Property(c => c.Phone).HasMaxLength(32);
        b.Property(c => c.JobTitle).HasMaxLength(200);
        b.Property(c => c.LifecycleStage).HasConversion<string>().HasMaxLength(32);
        b.Property(c => c.Source).HasMaxLength(100);
        b.Property(c => c.OwnerId).HasMaxLength(100);
        b.ConfigureAddress(c => c.Address);
        b.ConfigureCustomSlots(c => c.Custom);
        b.HasMany(c => c.ExternalIds).WithOne().HasForeignKey(e => e.RecordId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Companies).WithOne().HasForeignKey(l => l.ContactId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(c => c.ExternalIds).UsePropertyAccessMode(PropertyAccessMode.Property);
        b.HasIndex(c => new { c.WorkspaceId, c.LastName });
        b.HasIndex(c => new { c.WorkspaceId, c.Email });
    }
}

internal sealed class ContactExternalIdConfiguration : IEntityTypeConfiguration<ContactExternalId>
{
    public void Configure(EntityTypeBuilder<ContactExternalId> b) => b.ConfigureExternalIds("contact_external_ids");
}

internal sealed class ContactCompanyConfiguration : IEntityTypeConfiguration<ContactCompany>
{
    public void Configure(EntityTypeBuilder<ContactCompany> b)
    {
        b.ToTable("contact_companies");
        b.HasKey(l => new { l.ContactId, l.CompanyId });
        b.Property(l => l.Role).HasMaxLength(100);
        b.HasOne(l => l.Company).WithMany().HasForeignKey(l => l.CompanyId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(l => l.CompanyId);
        // At most one primary company per contact, enforced by the database too. The bare column is a valid
        // predicate on both SQLite (integer) and PostgreSQL (boolean).
        b.HasIndex(l => l.ContactId).IsUnique().HasFilter("\"IsPrimary\"").HasDatabaseName("IX_contact_companies_primary");
    }
}
