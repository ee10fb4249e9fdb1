using CrmApi.Domain.CustomFields;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmApi.Infrastructure.Persistence.Configurations;

internal sealed class CustomFieldConfiguration : IEntityTypeConfiguration<CustomFieldDefinition>
{
    public void Configure(EntityTypeBuilder<CustomFieldDefinition> b)
    {
        b.ToTable("custom_fields");
        b.HasKey(f => f.Id);
        b.Property(f => f.Id).ValueGeneratedNever();
        b.Property(f => f.ObjectType).HasMaxLength(50);
        b.Property(f => f.Key).HasMaxLength(50);
        b.Property(f => f.Label).HasMaxLength(200);
        b.Property(f => f.Type).HasConversion<string>().HasMaxLength(20);
        b.Property(f => f.Slot).HasMaxLength(5);
        b.Ignore(f => f.IsRetired);
        // Keys (retired ones too) and slots are unique per object type in a workspace.
        b.HasIndex(f => new { f.WorkspaceId, f.ObjectType, f.Key }).IsUnique();
        b.HasIndex(f => new { f.WorkspaceId, f.ObjectType, f.Slot }).IsUnique();
    }
}

/// <summary>The slot columns of a record's custom fields.</summary>
internal static class CustomSlotsConfiguration
{
    // The first text, number and time slots (which the first fields of each kind take) are indexed with the
    // workspace in the CustomFields migration: EF cannot declare indexes on complex properties.

    public static void ConfigureCustomSlots<T>(this EntityTypeBuilder<T> b, System.Linq.Expressions.Expression<Func<T, CustomSlots?>> custom)
        where T : class
        => b.ComplexProperty(custom, c =>
        {
            foreach (var n in Enumerable.Range(1, CustomSlots.TextSlots)) c.Property<string?>($"S{n}").HasMaxLength(1000);
        });
}
