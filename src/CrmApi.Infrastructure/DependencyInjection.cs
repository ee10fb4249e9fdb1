using CrmApi.Application.Common;
using CrmApi.Application.Events;
using CrmApi.Application.Idempotency;
using CrmApi.Application.Webhooks;
using CrmApi.Infrastructure.Events;
using CrmApi.Infrastructure.Housekeeping;
using CrmApi.Infrastructure.Idempotency;
using CrmApi.Infrastructure.Persistence.Providers;
using CrmApi.Infrastructure.Persistence;
using CrmApi.Infrastructure.Segments;
using CrmApi.Infrastructure.Tickets;
using CrmApi.Infrastructure.Webhooks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmApi.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddCrmInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);
        IDatabaseProvider provider = options.Provider.ToLowerInvariant() switch
        {
            "sqlite" => new SqliteProvider(),
            "postgres" or "postgresql" => new PostgresProvider(),
            var other => throw new InvalidOperationException(
                $"Crm:Database:Provider '{other}' is not supported; use 'sqlite' or 'postgres'."),
        };
        var connectionString = configuration.GetConnectionString("Crm")
            ?? (provider is SqliteProvider ? DatabaseOptions.DefaultSqlite
                : throw new InvalidOperationException("ConnectionStrings:Crm is required for PostgreSQL."));

        services.AddSingleton(provider);
        services.AddSingleton<IEventSignal, EventSignal>();
        services.AddPooledDbContextFactory<CrmDbContext>(o => provider.Configure(o, connectionString));
        services.AddScoped<CrmDbContextLease>();
        services.AddScoped(sp => sp.GetRequiredService<CrmDbContextLease>().Context);
        services.AddScoped<ICrmDbContext>(sp => sp.GetRequiredService<CrmDbContextLease>().Context);
        services.AddScoped<DatabaseInitializer>();
        services.AddOptions<EventOptions>().BindConfiguration(EventOptions.Section)
            .Validate(o => o.RetentionDays >= 1, "Crm:Events:RetentionDays must be at least 1.")
            .Validate(o => o.PruneInterval > TimeSpan.Zero, "Crm:Events:PruneInterval must be positive.")
            .ValidateOnStart();
        services.AddScoped<EventRetention>();
        services.AddOptions<IdempotencyOptions>().BindConfiguration(IdempotencyOptions.Section)
            .Validate(o => o.RetentionHours >= 1, "Crm:Idempotency:RetentionHours must be at least 1.")
            .Validate(o => o.PruneInterval > TimeSpan.Zero, "Crm:Idempotency:PruneInterval must be positive.")
            .ValidateOnStart();
        // Seals stored idempotent responses. Instances sharing one database must share the key ring (PersistKeysTo...).
        services.AddDataProtection().SetApplicationName("CrmApi");
        services.AddSingleton<IIdempotencyStore, IdempotencyStore>();
        services.AddScoped<IdempotencyRetention>();
        services.AddOptions<WebhookDeliveryOptions>().BindConfiguration(WebhookDeliveryOptions.Section)
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.Lease > TimeSpan.FromSeconds(30) && o.MaxInFlight >= 1,
                "Crm:Webhooks: PollInterval must be positive, Lease over 30 s, MaxInFlight at least 1.")
            .ValidateOnStart();
        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        if (provider is PostgresProvider)
        {
            services.AddScoped<IWebhookLeases, PostgresWebhookLeases>();
            services.AddScoped<IWebhookQueue, PostgresWebhookQueue>();
        }
        else
        {
            services.AddScoped<IWebhookLeases, SqliteWebhookLeases>();
            services.AddScoped<IWebhookQueue, SqliteWebhookQueue>();
        }
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<WebhookOptions>>().Value;
            return new WebhookNetworkRules(o.AllowHttp, o.AllowPrivateNetworks);
        });
        services.AddOptions<SegmentOptions>().BindConfiguration(SegmentOptions.Section)
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.TimeCheckInterval >= TimeSpan.FromMinutes(1),
                "Crm:Segments:PollInterval must be positive and TimeCheckInterval at least a minute.")
            .ValidateOnStart();
        services.AddOptions<SlaOptions>().BindConfiguration(SlaOptions.Section)
            .Validate(o => o.CheckInterval > TimeSpan.Zero, "Crm:Sla:CheckInterval must be positive.")
            .ValidateOnStart();
        services.AddWebhookSender();
        return services;
    }

    /// <summary>The background workers (retention, SLA breaches); hosts that only migrate or test pieces leave them out.</summary>
    public static IServiceCollection AddCrmWorkers(this IServiceCollection services)
    {
        services.AddHostedService<PruningWorker<EventRetention>>();
        services.AddHostedService<PruningWorker<IdempotencyRetention>>();
        services.AddSingleton<SlaBreachWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<SlaBreachWorker>());
        services.AddSingleton<WebhookWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookWorker>());
        services.AddSingleton<SegmentWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<SegmentWorker>());
        return services;
    }
}
