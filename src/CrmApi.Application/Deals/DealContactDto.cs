namespace CrmApi.Application.Deals;

/// <summary>A contact involved in a deal, with its role.</summary>
public sealed record DealContactDto(Guid ContactId, string? Role);
