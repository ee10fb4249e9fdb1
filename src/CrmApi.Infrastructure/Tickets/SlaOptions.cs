namespace CrmApi.Infrastructure.Tickets;

/// <summary>Settings under <c>Crm:Sla</c>.</summary>
public sealed class SlaOptions
{
    public const string Section = "Crm:Sla";

    /// <summary>
    /// How often the breach worker looks for SLA targets that fell due: <c>ticket.sla_breached</c> comes at most this
    /// late after the due instant.
    /// </summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(2);
}
