using CrmApi.Domain.Common;
using CrmApi.Domain.CustomFields;

namespace CrmApi.Domain.Companies;

/// <summary>Everything a client can write on a company, already validated and normalised (domain in lower case).</summary>
public sealed record CompanyDetails(
    string Name,
    string? Domain,
    string? Industry,
    int? EmployeeCount,
    decimal? AnnualRevenue,
    string? Currency,
    Address Address,
    IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, string> ExternalIds,
    CustomSlots? Custom = null);
