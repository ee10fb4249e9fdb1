namespace CrmApi.Domain.Deals;

/// <summary>A contact a deal links to, as details carry it.</summary>
public sealed record DealContactLink(Guid ContactId, string? Role);
