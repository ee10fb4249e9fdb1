using CrmApi.Domain.Common;

namespace CrmApi.Domain.Contacts;

public sealed class ContactExternalId(Guid workspaceId, Guid recordId, string system, string value)
    : ExternalIdEntry(workspaceId, recordId, system, value);
