using CrmApi.Application.Activities;
using CrmApi.Application.Companies;
using CrmApi.Application.Contacts;
using CrmApi.Application.Querying;

namespace CrmApi.Application.Meta;

/// <summary>An object's field catalog, so front ends can build filter and sort controls without hard-coding them.</summary>
public sealed record ObjectMetadata(string Name, string DefaultSort, IReadOnlyList<FieldDescriptor> Fields)
{
    public static IReadOnlyList<ObjectMetadata> All { get; } =
    [
        new("contact", ContactFields.Catalog.DefaultSort, ContactFields.Catalog.Describe()),
        new("company", CompanyFields.Catalog.DefaultSort, CompanyFields.Catalog.Describe()),
        new("activity", ActivityFields.Catalog.DefaultSort, ActivityFields.Catalog.Describe()),
    ];
}
