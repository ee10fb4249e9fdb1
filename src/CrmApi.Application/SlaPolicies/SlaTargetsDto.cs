using CrmApi.Domain.Tickets;

namespace CrmApi.Application.SlaPolicies;

/// <summary>The targets of every ticket priority.</summary>
public sealed record SlaTargetsDto(SlaTargetDto Low, SlaTargetDto Normal, SlaTargetDto High, SlaTargetDto Urgent)
{
    public static SlaTargetsDto From(SlaPolicy p) => new(
        SlaTargetDto.From(p.TargetsFor(TicketPriority.Low)), SlaTargetDto.From(p.TargetsFor(TicketPriority.Normal)),
        SlaTargetDto.From(p.TargetsFor(TicketPriority.High)), SlaTargetDto.From(p.TargetsFor(TicketPriority.Urgent)));
}
