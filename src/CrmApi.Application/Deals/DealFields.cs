using CrmApi.Application.Activities;
using CrmApi.Application.Companies;
using CrmApi.Application.Contacts;
using CrmApi.Application.Querying;
using CrmApi.Domain.Deals;

namespace CrmApi.Application.Deals;

/// <summary>
/// What clients can filter and sort deals on. <c>pipeline.id</c> and <c>stage.category</c> (open, won, lost) read the
/// deal's own columns; <c>contact.*</c> and <c>company.*</c> reach any linked contact or company.
/// </summary>
public static class DealFields
{
    public static ObjectCatalog<Deal> Catalog { get; } = new ObjectCatalogBuilder<Deal>()
        .RecordFields()
        .Field("name", FieldType.String, d => d.Name, nullable: false)
        .Field("amount", FieldType.Decimal, d => d.Amount)
        .Field("currency", FieldType.String, d => d.Currency, normalize: CommonFields.Upper)
        .Field("pipeline.id", FieldType.Uuid, d => d.PipelineId)
        .Field("stage", FieldType.String, d => d.Stage, nullable: false)
        .Field("stage.category", FieldType.Enum, d => d.StageCategory)
        .Field("stageEnteredAt", FieldType.DateTime, d => d.StageEnteredAt)
        .Field("ownerId", FieldType.String, d => d.OwnerId)
        .Field("expectedCloseDate", FieldType.Date, d => d.ExpectedCloseDate)
        .Field("closedAt", FieldType.DateTime, d => d.ClosedAt)
        .Field("lostReason", FieldType.String, d => d.LostReason, sortable: false)
        .Field("source", FieldType.String, d => d.Source)
        .Relation("contact", d => d.Contacts.Select(l => l.Contact!), ContactFields.Catalog, "id", "lastName", "email", "lifecycleStage", "tags")
        .Relation("company", d => d.Companies.Select(l => l.Company!), CompanyFields.Catalog,
            "id", "name", "domain", "industry", "employeeCount", "annualRevenue", "address.country", "tags")
        .Activities(d => d.Activities.Select(l => l.Activity!), ActivityConditionFields.Catalog)
        .Build();
}
