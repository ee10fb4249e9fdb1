using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CrmApi.Api.Tests.Infrastructure;

/// <summary>The API host on a real database: a SQLite file or a PostgreSQL database made for the test run.</summary>
public sealed class CrmApiFactory(string provider, string connectionString, Action<IWebHostBuilder>? configure = null)
    : WebApplicationFactory<Program>
{
    public const string AdminKey = "test-admin-key-0123456789";

    public string Provider => provider;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Crm:Database:Provider", provider);
        builder.UseSetting("ConnectionStrings:Crm", connectionString);
        builder.UseSetting("Crm:AdminKey", AdminKey);
        builder.UseSetting("Crm:Cors:AllowedOrigins:0", "https://app.example.com");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Webhook tests deliver to receivers on loopback over plain HTTP.
        builder.UseSetting("Crm:Webhooks:AllowHttp", "true");
        builder.UseSetting("Crm:Webhooks:AllowPrivateNetworks", "true");
        configure?.Invoke(builder);
    }
}
