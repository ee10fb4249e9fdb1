using CrmApi.Application.Common;
using CrmApi.Application.Querying;
using CrmApi.Domain.Activities;
using CrmApi.Domain.Common;
using CrmApi.Domain.Companies;
using CrmApi.Domain.Contacts;
using Microsoft.Extensions.Time.Testing;

namespace CrmApi.Application.Tests.Querying;

/// <summary>Builds real domain objects for query tests, and runs filters over them with LINQ to objects.</summary>
internal static class TestData
{
    public static readonly Guid WorkspaceId = Guid.CreateVersion7();
    public static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A clock standing at <see cref="Now"/>, new for each use so no test moves another's.</summary>
    public static FakeTimeProvider Clock => new(Now);

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

    /// <summary>
    /// Records an activity linked to the contact, deleted at once if <paramref name="deleted"/>. EF Core would fill the
    /// contact's links and each link's activity when a query reads them; in memory they are set here.
    /// </summary>
    public static Contact Did(this Contact contact, ActivityType type, DateTimeOffset occurredAt, decimal? amount = null,
        string? currency = null, int? seconds = null, bool deleted = false)
    {
        var activity = NewActivity(type, occurredAt, amount, currency, seconds, contacts: [contact.Id], deleted: deleted);
        var link = activity.Contacts.Single();
        typeof(ActivityContact).GetProperty(nameof(ActivityContact.Activity))!.SetValue(link, activity);
        contact.Activities.Add(link);
        return contact;
    }

    /// <summary>As <see cref="Did(Contact, ActivityType, DateTimeOffset, decimal?, string?, int?, bool)"/>, for a company.</summary>
    public static Company Did(this Company company, ActivityType type, DateTimeOffset occurredAt, decimal? amount = null)
    {
        var activity = NewActivity(type, occurredAt, amount, companies: [company.Id]);
        var link = activity.Companies.Single();
        typeof(ActivityCompany).GetProperty(nameof(ActivityCompany.Activity))!.SetValue(link, activity);
        company.Activities.Add(link);
        return company;
    }

    public static Activity NewActivity(ActivityType type, DateTimeOffset occurredAt, decimal? amount = null, string? currency = null,
        int? seconds = null, IReadOnlyList<Guid>? contacts = null, IReadOnlyList<Guid>? companies = null, bool deleted = false)
    {
        var activity = Activity.Create(Guid.CreateVersion7(), WorkspaceId,
            new ActivityDetails(type, occurredAt, contacts ?? [], companies ?? [], DurationSeconds: seconds, Amount: amount, Currency: currency),
            Now);
        if (deleted) activity.Delete(Now);
        return activity;
    }

    /// <summary>Parses, compiles and applies a filter given as JSON text; fails the test if it does not parse.</summary>
    public static List<T> Where<T>(this IEnumerable<T> rows, ObjectCatalog<T> catalog, string filterJson, TimeProvider? clock = null)
    {
        var parsed = FilterParser.ParseText(catalog, filterJson);
        parsed.Errors.ShouldBeEmpty();
        return [.. rows.AsQueryable().Where(FilterCompiler.Compile(catalog, parsed.Value, clock ?? Clock))];
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
