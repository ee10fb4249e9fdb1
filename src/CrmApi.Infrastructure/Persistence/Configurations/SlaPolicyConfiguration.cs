using CrmApi.Domain.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmApi.Infrastructure.Persistence.Configurations;

internal sealed class SlaPolicyConfiguration : IEntityTypeConfiguration<SlaPolicyDefinition>
{
    public void Configure(EntityTypeBuilder<SlaPolicyDefinition> b)
    {
        b.ToTable("sla_policies");
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.TimeZone).HasMaxLength(100);
        // Conditions, WeeklyHours, Holidays and Targets are JSON text, read and written whole by the domain.
        b.Property(p => p.Version).IsConcurrencyToken();
        b.Ignore(p => p.IsDeleted);
        b.Ignore(p => p.Policy);
        // Not unique: a move renumbers several rows in one save, which a unique index would trip over midway, and a
        // deleted policy keeps the position it had.
        b.HasIndex(p => new { p.WorkspaceId, p.Position });
    }
}
