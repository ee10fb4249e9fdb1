using CrmApi.Application.Common;
using CrmApi.Domain.Companies;

namespace CrmApi.Application.Companies;

/// <summary>The writable fields of a company: the body of a create, and the shape a merge patch applies to.</summary>
public sealed class CompanyInput
{
    public string? Name { get; init; }
    public string? Domain { get; init; }
    public string? Industry { get; init; }
    public int? EmployeeCount { get; init; }
    public decimal? AnnualRevenue { get; init; }
    public string? Currency { get; init; }
    public AddressInput? Address { get; init; }
    public List<string?>? Tags { get; init; }
    public Dictionary<string, string?>? ExternalIds { get; init; }
    /// <summary>Custom field values by key (<c>{ "tier": "gold" }</c>), checked against the workspace's field definitions.</summary>
    public System.Text.Json.Nodes.JsonObject? Custom { get; init; }

    public static CompanyInput From(CompanyDetails d) => new()
    {
        Name = d.Name,
        Domain = d.Domain,
        Industry = d.Industry,
        EmployeeCount = d.EmployeeCount,
        AnnualRevenue = d.AnnualRevenue,
        Currency = d.Currency,
        Address = AddressInput.From(d.Address),
        Tags = [.. d.Tags],
        ExternalIds = d.ExternalIds.ToDictionary(p => p.Key, p => (string?)p.Value),
    };
}
