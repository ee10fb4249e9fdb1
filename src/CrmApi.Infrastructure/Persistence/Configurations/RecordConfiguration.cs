using CrmApi.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmApi.Infrastructure.Persistence.Configurations;

/// <summary>Mapping every record type shares: key, version as the concurrency token, the default list order index.</summary>
internal static class RecordConfiguration
{
    public static void ConfigureRecord<T>(this EntityTypeBuilder<T> b) where T : Record
    {
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasIndex(e => new { e.WorkspaceId, e.CreatedAt, e.Id });
        b.Ignore(e => e.IsDeleted);
    }

    public static void ConfigureAddress<T>(this EntityTypeBuilder<T> b, System.Linq.Expressions.Expression<Func<T, Address?>> address)
        where T : class
        => b.ComplexProperty(address, a =>
        {
            a.Property(x => x.Street).HasMaxLength(500);
            a.Property(x => x.City).HasMaxLength(200);
            a.Property(x => x.Region).HasMaxLength(200);
            a.Property(x => x.PostalCode).HasMaxLength(20);
            a.Property(x => x.Country).HasMaxLength(2);
        });

    public static void ConfigureExternalIds<T>(this EntityTypeBuilder<T> b, string table) where T : ExternalIdEntry
    {
        b.ToTable(table);
        b.HasKey(e => new { e.RecordId, e.System });
        b.Property(e => e.System).HasMaxLength(50);
        b.Property(e => e.Value).HasMaxLength(200);
        b.HasIndex(e => new { e.WorkspaceId, e.System, e.Value }).IsUnique();
    }
}
