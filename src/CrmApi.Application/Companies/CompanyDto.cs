using CrmApi.Application.Common;
using CrmApi.Domain.Companies;

namespace CrmApi.Application.Companies;

/// <summary>A company as the API returns it.</summary>
public sealed record CompanyDto(
    Guid Id,
    string Name,
    string? Domain,
    string? Industry,
    int? EmployeeCount,
    decimal? AnnualRevenue,
    string? Currency,
    AddressInput Address,
    IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, string> ExternalIds,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version) : Records.IRecordDto
{
    /// <summary>Custom field values by key; set by the record use cases, which know the workspace's fields.</summary>
    public System.Text.Json.Nodes.JsonObject Custom { get; init; } = [];

    public static CompanyDto From(Company c) => new(
        c.Id, c.Name, c.Domain, c.Industry, c.EmployeeCount, c.AnnualRevenue, c.Currency, AddressInput.From(c.Address), c.Tags,
        CrmApi.Domain.Common.ExternalIds.ToMap(c.ExternalIds), c.CreatedAt, c.UpdatedAt, c.Version);
}
