namespace CrmApi.Application.SlaPolicies;

/// <summary>How many business minutes of the policy's calendar a ticket of one priority has for its first response and its resolution.</summary>
public sealed class SlaTargetInput
{
    public int? FirstResponseMinutes { get; init; }
    public int? ResolutionMinutes { get; init; }
}
