namespace CrmApi.Application.Deals;

/// <summary>A contact involved in a deal, with an optional role.</summary>
public sealed class DealContactInput
{
    public Guid? ContactId { get; init; }
    public string? Role { get; init; }
}
