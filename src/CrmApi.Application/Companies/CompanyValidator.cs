using CrmApi.Application.Common;
using CrmApi.Application.Common.Validation;
using CrmApi.Domain.Companies;

namespace CrmApi.Application.Companies;

public static class CompanyValidator
{
    public const int EmployeeCountMax = 10_000_000;

    public static Result<CompanyDetails> Validate(CompanyInput input)
    {
        var errors = new List<Error>();
        if (input.EmployeeCount is < 0 or > EmployeeCountMax)
            errors.Add(Error.Validation("employeeCount", $"'employeeCount' must be between 0 and {EmployeeCountMax}."));
        if (input.AnnualRevenue is { } revenue && (revenue < 0 || !Rules.IsStorableDecimal(revenue)))
            errors.Add(Error.Validation("annualRevenue", "'annualRevenue' must be at least 0, below 10^14, with at most 4 decimal places."));
        var currency = Rules.Currency(errors, "currency", input.Currency);
        if (input.AnnualRevenue is not null && currency is null)
            errors.Add(Error.Validation("currency", "'currency' is required when 'annualRevenue' is set."));

        var details = new CompanyDetails(
            Rules.RequiredText(errors, "name", input.Name, Rules.NameMax),
            Rules.Domain(errors, "domain", input.Domain),
            Rules.Text(errors, "industry", input.Industry, Rules.ShortTextMax),
            input.EmployeeCount,
            input.AnnualRevenue,
            currency,
            Rules.Address(errors, "address", input.Address),
            Rules.Tags(errors, "tags", input.Tags),
            Rules.ExternalIds(errors, "externalIds", input.ExternalIds));
        return errors.Count > 0 ? Result<CompanyDetails>.Fail(errors) : Result<CompanyDetails>.Ok(details);
    }
}
