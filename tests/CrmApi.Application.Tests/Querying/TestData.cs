using CrmApi.Application.Common;
using CrmApi.Application.Querying;
using CrmApi.Domain.Common;
using CrmApi.Domain.Companies;
using CrmApi.Domain.Contacts;

namespace CrmApi.Application.Tests.Querying;

/// <summary>Builds real domain objects for query tests, and runs filters over them with LINQ to objects.</summary>
internal static class TestData
{
    public static readonly Guid WorkspaceId = Guid.CreateVersion7();
    public static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static Contact NewContact(
        string? firstName = null,
        string? lastName = null,
        string? email = null,
        string? phone = null,
        string? jobTitle = null,
        LifecycleStage? stage = null,
        string? city = null,
        string? country = null,
        IReadOnlyList<string>? tags = null,
        DateTimeOffset? createdAt = null,
        Guid? id = null) =>
        Contact.Create(
            id ?? Guid.CreateVersion7(),
            WorkspaceId,
            new ContactDetails(
                firstName, lastName, email is null ? [] : [email], phone is null ? [] : [phone], jobTitle, stage,
                Source: null, OwnerId: null, new Address(null, city, null, null, country), tags ?? [],
                new Dictionary<string, string>()),
            createdAt ?? Now);

    public static Company NewCompany(
        string name,
        string? domain = null,
        string? industry = null,
        int? employees = null,
        decimal? revenue = null,
        string? currency = null,
        IReadOnlyList<string>? tags = null,
        string? city = null,
        DateTimeOffset? createdAt = null) =>
        Company.Create(
            Guid.CreateVersion7(),
            WorkspaceId,
            new CompanyDetails(name, domain, industry, employees, revenue, currency, new Address(null, city, null, null, null), tags ?? [],
                new Dictionary<string, string>()),
            createdAt ?? Now);

    /// <summary>
    /// Links a contact to a company. EF Core sets the link's Company navigation when it loads it; in memory nobody does,
    /// so it is set by reflection here.
    /// </summary>
    public static Contact WorksAt(this Contact contact, Company company, bool primary = true)
    {
        contact.Link(company.Id, role: null, primary, Now);
        var link = contact.Companies.Single(l => l.CompanyId == company.Id);
        typeof(ContactCompany).GetProperty(nameof(ContactCompany.Company))!.SetValue(link, company);
        return contact;
    }

    /// <summary>Parses, compiles and applies a filter given as JSON text; fails the test if it does not parse.</summary>
    public static List<T> Where<T>(this IEnumerable<T> rows, ObjectCatalog<T> catalog, string filterJson)
    {
        var parsed = FilterParser.ParseText(catalog, filterJson);
        parsed.Errors.ShouldBeEmpty();
        return [.. rows.AsQueryable().Where(FilterCompiler.Compile(catalog, parsed.Value))];
    }

    /// <summary>The single validation error a failed result carries.</summary>
    public static Error SingleError<T>(this Result<T> result)
    {
        result.IsSuccess.ShouldBeFalse();
        result.Errors.Count.ShouldBe(1, string.Join(" | ", result.Errors.Select(e => $"{e.Field}: {e.Message}")));
        result.Errors[0].Code.ShouldBe(ErrorCodes.Validation);
        return result.Errors[0];
    }
}
