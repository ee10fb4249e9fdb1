namespace CrmApi.Infrastructure.Webhooks;

/// <summary>How the webhook worker runs (section <c>Crm:Webhooks</c>, beside the network settings).</summary>
public sealed class WebhookDeliveryOptions
{
    public const string Section = "Crm:Webhooks";

    /// <summary>
    /// Whether this instance delivers webhooks. An instance that does not still takes webhook settings and writes
    /// events; the instances that do deliver pick them up.
    /// </summary>
    public bool RunWorker { get; set; } = true;

    /// <summary>How often the worker looks for new events and due messages when it has nothing in hand.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a claimed message stays this instance's; an instance that dies hands its messages on after this.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Messages one instance sends at once, over all endpoints.</summary>
    public int MaxInFlight { get; set; } = 256;
}
