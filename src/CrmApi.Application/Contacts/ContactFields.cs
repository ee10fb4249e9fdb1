using CrmApi.Application.Companies;
using CrmApi.Application.Querying;
using CrmApi.Domain.Contacts;

namespace CrmApi.Application.Contacts;

/// <summary>What clients can filter and sort contacts on (lists, GraphQL, segments, webhook filters).</summary>
public static class ContactFields
{
    // Literals are brought to the stored form: emails and tags are stored lower case, countries upper case.
    private static readonly Func<string, string> Lower = s => s.ToLowerInvariant();
    private static readonly Func<string, string> Upper = s => s.ToUpperInvariant();

    public static ObjectCatalog<Contact> Catalog { get; } = new ObjectCatalogBuilder<Contact>()
        .Field("id", FieldType.Uuid, c => c.Id)
        .Field("firstName", FieldType.String, c => c.FirstName)
        .Field("lastName", FieldType.String, c => c.LastName)
        .Field("email", FieldType.String, c => c.Email, normalize: Lower)
        .Field("phone", FieldType.String, c => c.Phone)
        .Field("jobTitle", FieldType.String, c => c.JobTitle)
        // Stored as its name, so an order would be alphabetical rather than the funnel's: not sortable.
        .Field("lifecycleStage", FieldType.Enum, c => c.LifecycleStage)
        .Field("source", FieldType.String, c => c.Source)
        .Field("ownerId", FieldType.String, c => c.OwnerId)
        .Field("address.street", FieldType.String, c => c.Address.Street)
        .Field("address.city", FieldType.String, c => c.Address.City)
        .Field("address.region", FieldType.String, c => c.Address.Region)
        .Field("address.postalCode", FieldType.String, c => c.Address.PostalCode)
        .Field("address.country", FieldType.String, c => c.Address.Country, normalize: Upper)
        .Field("tags", FieldType.StringSet, c => c.Tags, normalize: Lower)
        .Field("createdAt", FieldType.DateTime, c => c.CreatedAt)
        .Field("updatedAt", FieldType.DateTime, c => c.UpdatedAt)
        // "The contact's company" means its primary one; other links are roles, not where the contact works.
        .Relation(
            "company",
            c => c.Companies.Where(l => l.IsPrimary).Select(l => l.Company!),
            CompanyFields.Catalog,
            "name", "domain", "industry", "employeeCount", "annualRevenue", "currency",
            "address.city", "address.country", "tags", "createdAt")
        .Build();
}
