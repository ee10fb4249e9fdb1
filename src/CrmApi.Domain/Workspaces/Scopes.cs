namespace CrmApi.Domain.Workspaces;

/// <summary>What an API key may do. <see cref="All"/> grants every scope.</summary>
public static class Scopes
{
    public const string All = "*";
    public const string ContactsRead = "contacts:read";
    public const string ContactsWrite = "contacts:write";
    public const string CompaniesRead = "companies:read";
    public const string CompaniesWrite = "companies:write";
    public const string ApiKeysManage = "api-keys:manage";
    public const string EventsRead = "events:read";
    public const string ActivitiesRead = "activities:read";
    public const string ActivitiesWrite = "activities:write";
    public const string FieldsManage = "fields:manage";
    public const string DealsRead = "deals:read";
    public const string DealsWrite = "deals:write";
    public const string PipelinesManage = "pipelines:manage";
    public const string TicketsRead = "tickets:read";
    public const string TicketsWrite = "tickets:write";
    public const string SlaManage = "sla:manage";
    public const string WebhooksManage = "webhooks:manage";
    public const string SegmentsRead = "segments:read";
    public const string SegmentsWrite = "segments:write";

    public static readonly IReadOnlyList<string> Known =
        [All, ContactsRead, ContactsWrite, CompaniesRead, CompaniesWrite, ApiKeysManage, EventsRead, ActivitiesRead, ActivitiesWrite, FieldsManage,
         DealsRead, DealsWrite, PipelinesManage, TicketsRead, TicketsWrite, SlaManage, WebhooksManage, SegmentsRead, SegmentsWrite];

    public static bool Grants(IEnumerable<string> granted, string required)
        => granted.Any(s => s == All || s == required);
}
