namespace CrmApi.Domain.Tickets;

/// <summary>
/// A ticket missed one of its SLA targets. One row per ticket and target, written with the <c>ticket.sla_breached</c>
/// event in one unit of work: the unique key makes the event happen exactly once, across restarts and instances.
/// </summary>
public sealed class TicketSlaBreach : Common.IWorkspaceOwned
{
    private TicketSlaBreach() { }

    public TicketSlaBreach(Guid workspaceId, Guid ticketId, SlaTarget target, Guid? policyId, DateTimeOffset dueAt, DateTimeOffset recordedAt)
    {
        WorkspaceId = workspaceId;
        TicketId = ticketId;
        Target = target;
        PolicyId = policyId;
        DueAt = Common.Record.Truncate(dueAt);
        RecordedAt = Common.Record.Truncate(recordedAt);
    }

    public Guid WorkspaceId { get; private set; }
    public Guid TicketId { get; private set; }
    public SlaTarget Target { get; private set; }
    public Guid? PolicyId { get; private set; }
    public DateTimeOffset DueAt { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
}

/// <summary>The two targets of an SLA.</summary>
public enum SlaTarget
{
    FirstResponse,
    Resolution,
}
