namespace CrmApi.Application.Common;

/// <summary>Names of the global query filters the data layer applies, so a use case can lift exactly one.</summary>
public static class QueryFilters
{
    /// <summary>Only the current workspace's rows. Never lifted by a request.</summary>
    public const string Workspace = "workspace";

    /// <summary>Soft-deleted records are hidden; restore lifts this one.</summary>
    public const string SoftDelete = "softDelete";
}
