using CrmApi.Domain.Common;
using CrmApi.Domain.Companies;

namespace CrmApi.Domain.Deals;

/// <summary>A company a deal is with.</summary>
public sealed class DealCompany(Guid workspaceId, Guid dealId, Guid companyId) : IWorkspaceOwned
{
    public Guid WorkspaceId { get; private set; } = workspaceId;
    public Guid DealId { get; private set; } = dealId;
    public Guid CompanyId { get; private set; } = companyId;
    public Company? Company { get; private set; }
}
