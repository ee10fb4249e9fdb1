using CrmApi.Application.Companies;

namespace CrmApi.Application.Tests.Companies;

public sealed class CompanyValidatorTests
{
    [Fact]
    public void Normalises_domain_and_currency()
    {
        var result = CompanyValidator.Validate(new CompanyInput { Name = "Acme", Domain = " Acme.COM. ", AnnualRevenue = 12.5m, Currency = "usd" });
        result.IsSuccess.ShouldBeTrue();
        result.Value!.Domain.ShouldBe("acme.com");
        result.Value.Currency.ShouldBe("USD");
    }

    [Theory]
    [InlineData(null, "name")]
    [InlineData("  ", "name")]
    public void Requires_a_name(string? name, string field)
        => CompanyValidator.Validate(new CompanyInput { Name = name }).Errors.Single().Field.ShouldBe(field);

    [Theory]
    [InlineData("-1")]
    [InlineData("0.00001")]
    [InlineData("100000000000000")]
    public void Rejects_revenue_out_of_range_or_too_precise(string revenue)
        => CompanyValidator.Validate(new CompanyInput { Name = "A", AnnualRevenue = decimal.Parse(revenue, System.Globalization.CultureInfo.InvariantCulture), Currency = "EUR" })
            .Errors.Single().Field.ShouldBe("annualRevenue");

    [Fact]
    public void Revenue_needs_a_currency_and_the_currency_must_be_known()
    {
        CompanyValidator.Validate(new CompanyInput { Name = "A", AnnualRevenue = 1m }).Errors.Single().Field.ShouldBe("currency");
        CompanyValidator.Validate(new CompanyInput { Name = "A", Currency = "ABC" }).Errors.Single().Field.ShouldBe("currency");
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("exa mple.com")]
    [InlineData("http://example.com")]
    public void Rejects_invalid_domains(string domain)
        => CompanyValidator.Validate(new CompanyInput { Name = "A", Domain = domain }).Errors.Single().Field.ShouldBe("domain");

    [Fact]
    public void Rejects_negative_employee_count()
        => CompanyValidator.Validate(new CompanyInput { Name = "A", EmployeeCount = -1 }).Errors.Single().Field.ShouldBe("employeeCount");
}
