namespace CrmApi.Domain.Common;

/// <summary>A row that belongs to exactly one workspace; the data layer filters and checks it.</summary>
public interface IWorkspaceOwned
{
    Guid WorkspaceId { get; }
}
