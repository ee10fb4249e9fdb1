using CrmApi.Domain.Common;

namespace CrmApi.Domain.Companies;

public sealed class CompanyExternalId(Guid workspaceId, Guid recordId, string system, string value)
    : ExternalIdEntry(workspaceId, recordId, system, value);
