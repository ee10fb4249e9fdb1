using CrmApi.Infrastructure.Idempotency;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmApi.Infrastructure.Persistence.Configurations;

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public const string Table = "idempotency_records";

    public void Configure(EntityTypeBuilder<IdempotencyRecord> b)
    {
        b.ToTable(Table);
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.Key).HasMaxLength(255);
        b.Property(r => r.Fingerprint).HasMaxLength(64);
        b.Property(r => r.ContentType).HasMaxLength(200);
        b.Property(r => r.Location).HasMaxLength(2048);
        b.Property(r => r.ETag).HasMaxLength(100);
        // The claim: a second INSERT of a workspace's key fails, so exactly one request with that key runs.
        b.HasIndex(r => new { r.WorkspaceId, r.Key }).IsUnique();
        // Retention deletes by time.
        b.HasIndex(r => r.CreatedAt);
    }
}
