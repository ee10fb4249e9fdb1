namespace CrmApi.Application.Contacts.LinkCompany;

/// <summary>A contact–company link as association events carry it.</summary>
public sealed record AssociationDto(Guid ContactId, Guid CompanyId, string? Role, bool Primary);
