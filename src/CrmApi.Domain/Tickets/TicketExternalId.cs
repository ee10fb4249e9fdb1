using CrmApi.Domain.Common;

namespace CrmApi.Domain.Tickets;

public sealed class TicketExternalId(Guid workspaceId, Guid recordId, string system, string value)
    : ExternalIdEntry(workspaceId, recordId, system, value);
