using CrmApi.Application.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CrmApi.Infrastructure.Webhooks;

internal static class WebhookSenderRegistration
{
    /// <summary>
    /// <see cref="WebhookOptions"/> (validated on start), the system <see cref="IHostResolver"/> and clock unless already
    /// registered, and one <see cref="HttpWebhookSender"/> for the process: it owns the connection pool.
    /// </summary>
    public static IServiceCollection AddWebhookSender(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section)
            .Validate(o => o.Timeout > TimeSpan.Zero && o.Timeout <= TimeSpan.FromMinutes(5),
                "Crm:Webhooks:Timeout must be positive and at most 5 minutes.")
            .Validate(o => o.MaxConnectionsPerEndpoint >= 1, "Crm:Webhooks:MaxConnectionsPerEndpoint must be at least 1.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IHostResolver, DnsHostResolver>();
        services.AddSingleton<IWebhookSender, HttpWebhookSender>();
        return services;
    }
}
