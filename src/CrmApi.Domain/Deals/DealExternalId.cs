using CrmApi.Domain.Common;

namespace CrmApi.Domain.Deals;

public sealed class DealExternalId(Guid workspaceId, Guid recordId, string system, string value)
    : ExternalIdEntry(workspaceId, recordId, system, value);
