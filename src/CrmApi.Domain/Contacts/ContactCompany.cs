using CrmApi.Domain.Common;
using CrmApi.Domain.Companies;

namespace CrmApi.Domain.Contacts;

/// <summary>The link between a contact and a company, with an optional role label.</summary>
public sealed class ContactCompany : IWorkspaceOwned
{
    private ContactCompany() { }

    internal ContactCompany(Guid workspaceId, Guid contactId, Guid companyId, string? role, bool isPrimary, DateTimeOffset now)
    {
        WorkspaceId = workspaceId;
        ContactId = contactId;
        CompanyId = companyId;
        Role = role;
        IsPrimary = isPrimary;
        CreatedAt = Common.Record.Truncate(now);
    }

    public Guid WorkspaceId { get; private set; }
    public Guid ContactId { get; private set; }
    public Guid CompanyId { get; private set; }
    public Company? Company { get; private set; }
    public string? Role { get; private set; }
    public bool IsPrimary { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    internal void Change(string? role, bool isPrimary)
    {
        Role = role;
        IsPrimary = isPrimary;
    }
}
