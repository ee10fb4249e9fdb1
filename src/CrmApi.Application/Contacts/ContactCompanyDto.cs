namespace CrmApi.Application.Contacts;

/// <summary>A company the contact is linked to.</summary>
public sealed record ContactCompanyDto(Guid CompanyId, string? Role, bool Primary);
