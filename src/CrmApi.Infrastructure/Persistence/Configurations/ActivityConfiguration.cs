using CrmApi.Domain.Activities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmApi.Infrastructure.Persistence.Configurations;

internal sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> b)
    {
        b.ToTable("activities");
        b.ConfigureRecord();
        b.Property(a => a.Type).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.Direction).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.Body).HasMaxLength(20_000);
        b.Property(a => a.Title).HasMaxLength(200);
        b.Property(a => a.Assignee).HasMaxLength(100);
        b.Property(a => a.Outcome).HasMaxLength(100);
        b.Property(a => a.Subject).HasMaxLength(1000);
        b.Property(a => a.From).HasMaxLength(254);
        b.Property(a => a.BodyPreview).HasMaxLength(1000);
        b.Property(a => a.OrderReference).HasMaxLength(200);
        b.Property(a => a.Currency).HasMaxLength(3);
        b.HasMany(a => a.Contacts).WithOne(l => l.Activity).HasForeignKey(l => l.ActivityId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Companies).WithOne(l => l.Activity).HasForeignKey(l => l.ActivityId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Deals).WithOne(l => l.Activity).HasForeignKey(l => l.ActivityId).OnDelete(DeleteBehavior.Cascade);
        // The default list order and time-window filters.
        b.HasIndex(a => new { a.WorkspaceId, a.OccurredAt, a.Id });
        b.HasIndex(a => new { a.WorkspaceId, a.Type, a.OccurredAt });
    }
}

internal sealed class ActivityContactConfiguration : IEntityTypeConfiguration<ActivityContact>
{
    public void Configure(EntityTypeBuilder<ActivityContact> b)
    {
        b.ToTable("activity_contacts");
        b.HasKey(l => new { l.ActivityId, l.ContactId });
        b.HasOne(l => l.Contact).WithMany(c => c.Activities).HasForeignKey(l => l.ContactId).OnDelete(DeleteBehavior.Cascade);
        // A contact's timeline finds its activities through this index.
        b.HasIndex(l => l.ContactId);
    }
}

internal sealed class ActivityCompanyConfiguration : IEntityTypeConfiguration<ActivityCompany>
{
    public void Configure(EntityTypeBuilder<ActivityCompany> b)
    {
        b.ToTable("activity_companies");
        b.HasKey(l => new { l.ActivityId, l.CompanyId });
        b.HasOne(l => l.Company).WithMany(c => c.Activities).HasForeignKey(l => l.CompanyId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(l => l.CompanyId);
    }
}

internal sealed class ActivityDealConfiguration : IEntityTypeConfiguration<ActivityDeal>
{
    public void Configure(EntityTypeBuilder<ActivityDeal> b)
    {
        b.ToTable("activity_deals");
        b.HasKey(l => new { l.ActivityId, l.DealId });
        b.HasOne(l => l.Deal).WithMany(d => d.Activities).HasForeignKey(l => l.DealId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(l => l.DealId);
    }
}
