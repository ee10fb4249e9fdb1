namespace CrmApi.Domain.Common;

/// <summary>
/// One id of a record in another system (<c>shopify</c> → <c>8812</c>). Unique per workspace, object type and system,
/// so integrators can find a record by it.
/// </summary>
public abstract class ExternalIdEntry : IWorkspaceOwned
{
    protected ExternalIdEntry(Guid workspaceId, Guid recordId, string system, string value)
    {
        WorkspaceId = workspaceId;
        RecordId = recordId;
        System = system;
        Value = value;
    }

    public Guid WorkspaceId { get; private set; }
    public Guid RecordId { get; private set; }
    public string System { get; private set; }
    public string Value { get; private set; }

    internal void SetValue(string value) => Value = value;
}
