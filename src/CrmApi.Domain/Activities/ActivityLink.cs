using CrmApi.Domain.Common;
using CrmApi.Domain.Companies;
using CrmApi.Domain.Contacts;
using CrmApi.Domain.Deals;

namespace CrmApi.Domain.Activities;

/// <summary>An activity's link to a contact.</summary>
public sealed class ActivityContact(Guid workspaceId, Guid activityId, Guid contactId) : IWorkspaceOwned
{
    public Guid WorkspaceId { get; private set; } = workspaceId;
    public Guid ActivityId { get; private set; } = activityId;
    public Guid ContactId { get; private set; } = contactId;
    public Activity? Activity { get; private set; }
    public Contact? Contact { get; private set; }
}

/// <summary>An activity's link to a company.</summary>
public sealed class ActivityCompany(Guid workspaceId, Guid activityId, Guid companyId) : IWorkspaceOwned
{
    public Guid WorkspaceId { get; private set; } = workspaceId;
    public Guid ActivityId { get; private set; } = activityId;
    public Guid CompanyId { get; private set; } = companyId;
    public Activity? Activity { get; private set; }
    public Company? Company { get; private set; }
}

/// <summary>An activity's link to a deal.</summary>
public sealed class ActivityDeal(Guid workspaceId, Guid activityId, Guid dealId) : IWorkspaceOwned
{
    public Guid WorkspaceId { get; private set; } = workspaceId;
    public Guid ActivityId { get; private set; } = activityId;
    public Guid DealId { get; private set; } = dealId;
    public Activity? Activity { get; private set; }
    public Deal? Deal { get; private set; }
}
