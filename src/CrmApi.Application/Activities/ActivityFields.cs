using CrmApi.Application.Companies;
using CrmApi.Application.Contacts;
using CrmApi.Application.Deals;
using CrmApi.Application.Querying;
using CrmApi.Domain.Activities;

namespace CrmApi.Application.Activities;

/// <summary>What clients can filter and sort activities on; <c>contact.id</c>, <c>company.id</c> and <c>deal.id</c> reach the links.</summary>
public static class ActivityFields
{
    public static ObjectCatalog<Activity> Catalog { get; } = new ObjectCatalogBuilder<Activity>()
        .RecordFields()
        .Field("type", FieldType.Enum, a => a.Type)
        .Field("occurredAt", FieldType.DateTime, a => a.OccurredAt)
        .Field("title", FieldType.String, a => a.Title)
        .Field("body", FieldType.String, a => a.Body, sortable: false)
        .Field("dueAt", FieldType.DateTime, a => a.DueAt)
        .Field("status", FieldType.Enum, a => a.Status)
        .Field("assignee", FieldType.String, a => a.Assignee)
        .Field("direction", FieldType.Enum, a => a.Direction)
        .Field("durationSeconds", FieldType.Integer, a => a.DurationSeconds)
        .Field("outcome", FieldType.String, a => a.Outcome)
        .Field("subject", FieldType.String, a => a.Subject)
        .Field("from", FieldType.String, a => a.From, normalize: CommonFields.Lower)
        .Field("sentAt", FieldType.DateTime, a => a.SentAt)
        .Field("startAt", FieldType.DateTime, a => a.StartAt)
        .Field("endAt", FieldType.DateTime, a => a.EndAt)
        .Field("orderReference", FieldType.String, a => a.OrderReference)
        .Field("amount", FieldType.Decimal, a => a.Amount)
        .Field("currency", FieldType.String, a => a.Currency, normalize: CommonFields.Upper)
        // Any linked contact or company: {"contact.id":{"eq":...}} finds a contact's activities.
        .Relation("contact", a => a.Contacts.Select(l => l.Contact!), ContactFields.Catalog, "id", "lastName", "email", "lifecycleStage", "tags")
        .Relation("company", a => a.Companies.Select(l => l.Company!), CompanyFields.Catalog, "id", "name", "domain", "industry")
        .Relation("deal", a => a.Deals.Select(l => l.Deal!), DealFields.Catalog, "id", "name", "stage", "stage.category")
        .Build(defaultSort: "-occurredAt");
}
