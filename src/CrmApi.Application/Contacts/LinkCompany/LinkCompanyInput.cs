namespace CrmApi.Application.Contacts.LinkCompany;

/// <summary>The body of a contact–company link: an optional role label and whether it is the contact's primary company.</summary>
public sealed class LinkCompanyInput
{
    public string? Role { get; init; }
    public bool? Primary { get; init; }
}
