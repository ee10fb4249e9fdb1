using CrmApi.Application.Querying;
using CrmApi.Domain.Companies;

namespace CrmApi.Application.Companies;

/// <summary>What clients can filter and sort companies on (lists, GraphQL, segments, webhook filters).</summary>
public static class CompanyFields
{
    // Literals are brought to the stored form: domains and tags are stored lower case, currencies and countries upper
    // case, so eq compares exactly.
    private static readonly Func<string, string> Lower = s => s.ToLowerInvariant();
    private static readonly Func<string, string> Upper = s => s.ToUpperInvariant();

    public static ObjectCatalog<Company> Catalog { get; } = new ObjectCatalogBuilder<Company>()
        .Field("id", FieldType.Uuid, c => c.Id)
        .Field("name", FieldType.String, c => c.Name, nullable: false)
        .Field("domain", FieldType.String, c => c.Domain, normalize: Lower)
        .Field("industry", FieldType.String, c => c.Industry)
        .Field("employeeCount", FieldType.Integer, c => c.EmployeeCount)
        .Field("annualRevenue", FieldType.Decimal, c => c.AnnualRevenue)
        .Field("currency", FieldType.String, c => c.Currency, normalize: Upper)
        .Field("address.street", FieldType.String, c => c.Address.Street)
        .Field("address.city", FieldType.String, c => c.Address.City)
        .Field("address.region", FieldType.String, c => c.Address.Region)
        .Field("address.postalCode", FieldType.String, c => c.Address.PostalCode)
        .Field("address.country", FieldType.String, c => c.Address.Country, normalize: Upper)
        .Field("tags", FieldType.StringSet, c => c.Tags, normalize: Lower)
        .Field("createdAt", FieldType.DateTime, c => c.CreatedAt)
        .Field("updatedAt", FieldType.DateTime, c => c.UpdatedAt)
        .Build();
}
