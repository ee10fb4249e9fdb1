using CrmApi.Application.Common;
using CrmApi.Domain.Contacts;

namespace CrmApi.Application.Contacts;

/// <summary>
/// A contact as the API returns it. <c>email</c> and <c>phone</c> are the primary ones, read-only: they change through
/// <c>emails</c> and <c>phones</c>, and are what filters, sorts and field history call them.
/// </summary>
public sealed record ContactDto(
    Guid Id,
    string? FirstName,
    string? LastName,
    string? Email,
    string? Phone,
    IReadOnlyList<ContactPointDto> Emails,
    IReadOnlyList<ContactPointDto> Phones,
    string? JobTitle,
    LifecycleStage? LifecycleStage,
    string? Source,
    string? OwnerId,
    AddressInput Address,
    IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, string> ExternalIds,
    IReadOnlyList<ContactCompanyDto> Companies,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version) : Records.IRecordDto
{
    /// <summary>Custom field values by key; set by the record use cases, which know the workspace's fields.</summary>
    public System.Text.Json.Nodes.JsonObject Custom { get; init; } = [];

    public static ContactDto From(Contact c) => new(
        c.Id, c.FirstName, c.LastName, c.Email, c.Phone,
        [.. c.Emails.Select((e, i) => new ContactPointDto(e, i == 0))],
        [.. c.Phones.Select((p, i) => new ContactPointDto(p, i == 0))],
        c.JobTitle, c.LifecycleStage, c.Source, c.OwnerId, AddressInput.From(c.Address), c.Tags,
        Domain.Common.ExternalIds.ToMap(c.ExternalIds),
        [.. c.Companies.OrderByDescending(l => l.IsPrimary).ThenBy(l => l.CreatedAt)
            .Select(l => new ContactCompanyDto(l.CompanyId, l.Role, l.IsPrimary))],
        c.CreatedAt, c.UpdatedAt, c.Version);
}
