using CrmApi.Domain.Common;
using CrmApi.Domain.Contacts;

namespace CrmApi.Domain.Deals;

/// <summary>A contact involved in a deal, with an optional role (<c>decision_maker</c>, <c>champion</c>…).</summary>
public sealed class DealContact(Guid workspaceId, Guid dealId, Guid contactId, string? role) : IWorkspaceOwned
{
    public Guid WorkspaceId { get; private set; } = workspaceId;
    public Guid DealId { get; private set; } = dealId;
    public Guid ContactId { get; private set; } = contactId;
    public string? Role { get; internal set; } = role;
    public Contact? Contact { get; private set; }
}
