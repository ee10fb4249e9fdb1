using CrmApi.Application.Companies;
using CrmApi.Application.Contacts;
using CrmApi.Application.Deals;
using CrmApi.Application.Querying;
using CrmApi.Domain.Activities;

namespace CrmApi.Application.Activities;

/// <summary>What clients can filter and sort activities on; <c>contact.id</c>, <c>company.id</c> and <c>deal.id</c> reach the links.</summary>
public static class ActivityFields
{
    public static ObjectCatalog<Activity> Catalog { get; } = ObjectCatalogBuilder<Activity>.From(ActivityConditionFields.Catalog)
        // Any linked contact or company: {"contact.id":{"eq":...}} finds a contact's activities.
        .Relation("contact", a => a.Contacts.Select(l => l.Contact!), ContactFields.Catalog, "id", "lastName", "email", "lifecycleStage", "tags")
        .Relation("company", a => a.Companies.Select(l => l.Company!), CompanyFields.Catalog, "id", "name", "domain", "industry")
        .Relation("deal", a => a.Deals.Select(l => l.Deal!), DealFields.Catalog, "id", "name", "stage", "stage.category")
        .Build(defaultSort: "-occurredAt");
}
