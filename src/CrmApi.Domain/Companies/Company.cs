using CrmApi.Domain.Activities;
using CrmApi.Domain.Common;
using CrmApi.Domain.CustomFields;

namespace CrmApi.Domain.Companies;

/// <summary>An organisation the workspace deals with. Its domain, when set, is unique in the workspace.</summary>
public sealed class Company : Record
{
    private Company() { }

    private Company(Guid id, Guid workspaceId, DateTimeOffset now) : base(id, workspaceId, now) { }

    public string Name { get; private set; } = "";
    public string? Domain { get; private set; }
    public string? Industry { get; private set; }
    public int? EmployeeCount { get; private set; }
    public decimal? AnnualRevenue { get; private set; }
    public string? Currency { get; private set; }
    public Address Address { get; private set; } = Address.Empty;
    public List<string> Tags { get; private set; } = [];
    public List<CompanyExternalId> ExternalIds { get; private set; } = [];
    /// <summary>The activities linked to the company. Activities own these links; the data layer fills this list only when a query reads it.</summary>
    public List<ActivityCompany> Activities { get; private set; } = [];
    public CustomSlots Custom { get; private set; } = CustomSlots.Empty;

    public static Company Create(Guid id, Guid workspaceId, CompanyDetails details, DateTimeOffset now)
    {
        var company = new Company(id, workspaceId, now);
        company.Apply(details);
        return company;
    }

    public CompanyDetails Details => new(
        Name, Domain, Industry, EmployeeCount, AnnualRevenue, Currency, Address, Tags, Common.ExternalIds.ToMap(ExternalIds), Custom);

    public bool Update(CompanyDetails details, DateTimeOffset now)
    {
        var changed = Apply(details);
        if (changed) Touch(now);
        return changed;
    }

    private bool Apply(CompanyDetails d)
    {
        var changed = Name != d.Name || Domain != d.Domain || Industry != d.Industry || EmployeeCount != d.EmployeeCount
            || AnnualRevenue != d.AnnualRevenue || Currency != d.Currency || Address != d.Address || !Lists.SameItems(Tags, d.Tags)
            || Custom != (d.Custom ?? CustomSlots.Empty);
        Custom = d.Custom ?? CustomSlots.Empty;
        Name = d.Name;
        Domain = d.Domain;
        Industry = d.Industry;
        EmployeeCount = d.EmployeeCount;
        AnnualRevenue = d.AnnualRevenue;
        Currency = d.Currency;
        Address = d.Address;
        if (!Lists.SameItems(Tags, d.Tags)) Tags = [.. d.Tags];
        changed |= Common.ExternalIds.Sync(ExternalIds, d.ExternalIds, (s, v) => new CompanyExternalId(WorkspaceId, Id, s, v));
        return changed;
    }
}
