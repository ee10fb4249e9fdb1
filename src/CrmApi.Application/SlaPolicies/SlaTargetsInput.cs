using CrmApi.Domain.Tickets;

namespace CrmApi.Application.SlaPolicies;

/// <summary>The targets for each ticket priority; all four are required.</summary>
public sealed class SlaTargetsInput
{
    public SlaTargetInput? Low { get; init; }
    public SlaTargetInput? Normal { get; init; }
    public SlaTargetInput? High { get; init; }
    public SlaTargetInput? Urgent { get; init; }

    public SlaTargetInput? For(TicketPriority priority) => priority switch
    {
        TicketPriority.Low => Low,
        TicketPriority.Normal => Normal,
        TicketPriority.High => High,
        TicketPriority.Urgent => Urgent,
        _ => throw new ArgumentOutOfRangeException(nameof(priority), priority, null),
    };
}
