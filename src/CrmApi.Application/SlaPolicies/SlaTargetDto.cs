using CrmApi.Domain.Tickets;

namespace CrmApi.Application.SlaPolicies;

/// <summary>First-response and resolution targets in business minutes of the policy's calendar.</summary>
public sealed record SlaTargetDto(int FirstResponseMinutes, int ResolutionMinutes)
{
    public static SlaTargetDto From(SlaTargets t) => new(t.FirstResponseMinutes, t.ResolutionMinutes);
}
