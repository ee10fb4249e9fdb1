namespace CrmApi.Infrastructure.Webhooks;

/// <summary>Settings under <c>Crm:Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Crm:Webhooks";

    /// <summary>Allow <c>http</c> webhook URLs; otherwise only <c>https</c>. For development and tests.</summary>
    public bool AllowHttp { get; set; }

    /// <summary>
    /// Allow webhooks to loopback, private, link-local and other non-public addresses. Off in production: a subscriber
    /// could otherwise make the server call its own network (server-side request forgery). Tests turn it on to use
    /// loopback receivers.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>How long one delivery attempt may take, from connecting to reading the start of the response.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Connections kept open at most to one receiver (scheme, host and port).</summary>
    public int MaxConnectionsPerEndpoint { get; set; } = 4;
}
