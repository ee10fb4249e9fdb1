using CrmApi.Application;
using CrmApi.Application.Webhooks;
using CrmApi.Infrastructure.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmApi.Infrastructure.Tests.Webhooks;

public sealed class WebhookSenderRegistrationTests
{
    [Fact]
    public async Task The_sender_is_one_instance_with_safe_defaults()
    {
        await using var services = Services([]);

        services.GetRequiredService<IWebhookSender>().ShouldBeOfType<HttpWebhookSender>()
            .ShouldBeSameAs(services.GetRequiredService<IWebhookSender>());
        services.GetRequiredService<IHostResolver>().ShouldBeOfType<DnsHostResolver>();
        var options = services.GetRequiredService<IOptions<WebhookOptions>>().Value;
        options.AllowHttp.ShouldBeFalse();
        options.AllowPrivateNetworks.ShouldBeFalse();
        options.Timeout.ShouldBe(TimeSpan.FromSeconds(15));
        options.MaxConnectionsPerEndpoint.ShouldBe(4);
    }

    [Fact]
    public async Task Options_bind_from_crm_webhooks()
    {
        await using var services = Services(new()
        {
            ["Crm:Webhooks:AllowHttp"] = "true",
            ["Crm:Webhooks:AllowPrivateNetworks"] = "true",
            ["Crm:Webhooks:Timeout"] = "00:00:05",
            ["Crm:Webhooks:MaxConnectionsPerEndpoint"] = "8",
        });

        var options = services.GetRequiredService<IOptions<WebhookOptions>>().Value;
        options.AllowHttp.ShouldBeTrue();
        options.AllowPrivateNetworks.ShouldBeTrue();
        options.Timeout.ShouldBe(TimeSpan.FromSeconds(5));
        options.MaxConnectionsPerEndpoint.ShouldBe(8);
    }

    [Theory]
    [InlineData("Crm:Webhooks:Timeout", "00:00:00")]
    [InlineData("Crm:Webhooks:Timeout", "01:00:00")]
    [InlineData("Crm:Webhooks:MaxConnectionsPerEndpoint", "0")]
    public async Task Invalid_options_are_rejected(string key, string value)
    {
        await using var services = Services(new() { [key] = value });

        Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<WebhookOptions>>().Value)
            .Message.ShouldContain(key);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        settings["Crm:Database:Provider"] = "sqlite";
        settings["ConnectionStrings:Crm"] = $"Data Source={Path.Combine(Path.GetTempPath(), $"crm-webhooks-{Guid.NewGuid():N}.db")}";
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(config)
            .AddCrmApplication().AddCrmInfrastructure(config).BuildServiceProvider();
    }
}
