using CrmApi.Application.Activities;
using CrmApi.Application.Querying;
using CrmApi.Domain.Companies;

namespace CrmApi.Application.Companies;

/// <summary>What clients can filter and sort companies on (lists, GraphQL, segments, webhook filters).</summary>
public static class CompanyFields
{
    public static ObjectCatalog<Company> Catalog { get; } = new ObjectCatalogBuilder<Company>()
        .RecordFields()
        .Field("name", FieldType.String, c => c.Name, nullable: false)
        .Field("domain", FieldType.String, c => c.Domain, normalize: CommonFields.Lower)
        .Field("industry", FieldType.String, c => c.Industry)
        .Field("employeeCount", FieldType.Integer, c => c.EmployeeCount)
        .Field("annualRevenue", FieldType.Decimal, c => c.AnnualRevenue)
        .Field("currency", FieldType.String, c => c.Currency, normalize: CommonFields.Upper)
        .AddressFields(c => c.Address)
        .Field("tags", FieldType.StringSet, c => c.Tags, normalize: CommonFields.Lower)
        .Activities(c => c.Activities.Select(l => l.Activity!), ActivityConditionFields.Catalog)
        .Build();
}
