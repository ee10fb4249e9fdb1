using CrmApi.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmApi.Infrastructure.Persistence.Configurations;

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> b)
    {
        b.ToTable("webhook_endpoints");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Property(e => e.Url).HasMaxLength(2000);
        b.Property(e => e.Description).HasMaxLength(500);
        b.Property(e => e.DisabledReason).HasMaxLength(20);
        b.Property(e => e.ProtectedSecret).HasMaxLength(1000);
        b.Property(e => e.PreviousProtectedSecret).HasMaxLength(1000);
        b.HasIndex(e => new { e.WorkspaceId, e.CreatedAt });
        b.HasIndex(e => e.Enabled);
    }
}

internal sealed class WebhookMessageConfiguration : IEntityTypeConfiguration<WebhookMessage>
{
    public void Configure(EntityTypeBuilder<WebhookMessage> b)
    {
        b.ToTable("webhook_messages");
        b.HasKey(m => m.Id);
        b.Property(m => m.Id).ValueGeneratedNever();
        b.Property(m => m.EventType).HasMaxLength(100);
        b.Property(m => m.State).HasConversion<string>().HasMaxLength(20);
        b.Property(m => m.LeaseOwner).HasMaxLength(100);
        b.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(m => m.EndpointId).OnDelete(DeleteBehavior.Cascade);
        // One message per endpoint and event, whichever dispatcher gets there first.
        b.HasIndex(m => new { m.EndpointId, m.EventId }).IsUnique();
        b.HasIndex(m => new { m.State, m.NextAttemptAt });
        b.HasIndex(m => new { m.EndpointId, m.Id });
    }
}

internal sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> b)
    {
        b.ToTable("webhook_attempts");
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).ValueGeneratedNever();
        b.Property(a => a.ResponseBody).HasMaxLength(WebhookAttempt.BodyMax);
        b.Property(a => a.Error).HasMaxLength(500);
        b.HasOne<WebhookMessage>().WithMany().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => a.MessageId);
        b.HasIndex(a => new { a.EndpointId, a.At });
    }
}

internal sealed class WebhookCheckpointConfiguration : IEntityTypeConfiguration<WebhookCheckpoint>
{
    public void Configure(EntityTypeBuilder<WebhookCheckpoint> b)
    {
        b.ToTable("webhook_checkpoints");
        b.HasKey(c => c.WorkspaceId);
        b.Property(c => c.Version).IsConcurrencyToken();
    }
}
