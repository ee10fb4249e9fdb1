using CrmApi.Application.Companies;
using CrmApi.Application.Contacts;
using CrmApi.Application.Querying;
using CrmApi.Domain.Tickets;

namespace CrmApi.Application.Tickets;

/// <summary>
/// What clients can filter and sort tickets on, and what SLA policy conditions can test. <c>requester.*</c> and
/// <c>company.*</c> reach the ticket's requester and company; <c>sla.*DueAt</c> are the due instants of targets not yet
/// met (null when met, paused, or without a policy), so "due within the hour" is a plain range filter.
/// </summary>
public static class TicketFields
{
    public static ObjectCatalog<Ticket> Catalog { get; } = new ObjectCatalogBuilder<Ticket>()
        .RecordFields()
        .Field("subject", FieldType.String, t => t.Subject, nullable: false)
        .Field("description", FieldType.String, t => t.Description, sortable: false)
        .Field("pipeline.id", FieldType.Uuid, t => t.PipelineId)
        .Field("stage", FieldType.String, t => t.Stage, nullable: false)
        .Field("stage.state", FieldType.Enum, t => t.State)
        .Field("stageEnteredAt", FieldType.DateTime, t => t.StageEnteredAt)
        .Field("priority", FieldType.Enum, t => t.Priority, sortable: true) // stored as its number: low → urgent
        .Field("channel", FieldType.Enum, t => t.Channel)
        .Field("requester.id", FieldType.Uuid, t => t.RequesterId)
        .Field("company.id", FieldType.Uuid, t => t.CompanyId)
        .Field("assigneeId", FieldType.String, t => t.AssigneeId)
        .Field("tags", FieldType.StringSet, t => t.Tags, normalize: CommonFields.Lower)
        .Field("firstRespondedAt", FieldType.DateTime, t => t.FirstRespondedAt)
        .Field("solvedAt", FieldType.DateTime, t => t.SolvedAt)
        .Field("sla.policyId", FieldType.Uuid, t => t.SlaPolicyId)
        .Field("sla.firstResponseDueAt", FieldType.DateTime, t => t.FirstResponseDueAt)
        .Field("sla.resolutionDueAt", FieldType.DateTime, t => t.ResolutionDueAt)
        .Field("satisfaction.score", FieldType.Integer, t => t.SatisfactionScore)
        .RelationOne("requester", t => t.Requester, ContactFields.Catalog, "lastName", "email", "lifecycleStage", "tags")
        .RelationOne("company", t => t.Company, CompanyFields.Catalog,
            "name", "domain", "industry", "employeeCount", "annualRevenue", "address.country", "tags")
        .Build();
}
