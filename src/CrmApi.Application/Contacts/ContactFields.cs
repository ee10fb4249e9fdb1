using CrmApi.Application.Activities;
using CrmApi.Application.Companies;
using CrmApi.Application.Querying;
using CrmApi.Domain.Contacts;

namespace CrmApi.Application.Contacts;

/// <summary>What clients can filter and sort contacts on (lists, GraphQL, segments, webhook filters).</summary>
public static class ContactFields
{
    public static ObjectCatalog<Contact> Catalog { get; } = new ObjectCatalogBuilder<Contact>()
        .RecordFields()
        .Field("firstName", FieldType.String, c => c.FirstName)
        .Field("lastName", FieldType.String, c => c.LastName)
        .Field("email", FieldType.String, c => c.Email, normalize: CommonFields.Lower)
        .Field("phone", FieldType.String, c => c.Phone)
        .Field("jobTitle", FieldType.String, c => c.JobTitle)
        // Stored as its name, so an order would be alphabetical rather than the funnel's: not sortable.
        .Field("lifecycleStage", FieldType.Enum, c => c.LifecycleStage)
        .Field("source", FieldType.String, c => c.Source)
        .Field("ownerId", FieldType.String, c => c.OwnerId)
        .AddressFields(c => c.Address)
        .Field("tags", FieldType.StringSet, c => c.Tags, normalize: CommonFields.Lower)
        // "The contact's company" means its primary one; other links are roles, not where the contact works.
        .Relation(
            "company",
            c => c.Companies.Where(l => l.IsPrimary).Select(l => l.Company!),
            CompanyFields.Catalog,
            "name", "domain", "industry", "employeeCount", "annualRevenue", "currency",
            "address.city", "address.country", "tags", "createdAt")
        .Activities(c => c.Activities.Select(l => l.Activity!), ActivityConditionFields.Catalog)
        .Build();
}
