using CrmApi.Application.Common;
using CrmApi.Application.Contacts;

namespace CrmApi.Application.Tests.Contacts;

public sealed class ContactValidatorTests
{
    private static IReadOnlyList<Error> Errors(ContactInput input) => ContactValidator.Validate(input).Errors;

    [Fact]
    public void Normalises_emails_tags_country_and_puts_the_primary_first()
    {
        var result = ContactValidator.Validate(new ContactInput
        {
            FirstName = "  Ada ",
            Emails = [new() { Value = "A@X.example" }, new() { Value = "b@y.example", Primary = true }],
            Tags = ["VIP", " vip ", "Beta"],
            Address = new AddressInput { Country = "gb", City = "" },
            ExternalIds = new() { ["shopify"] = " 8812 " },
        });
        result.IsSuccess.ShouldBeTrue();
        var d = result.Value!;
        d.FirstName.ShouldBe("Ada");
        d.Emails.ShouldBe(["b@y.example", "a@x.example"]);
        d.Tags.ShouldBe(["beta", "vip"]);
        d.Address.Country.ShouldBe("GB");
        d.Address.City.ShouldBeNull();
        d.ExternalIds["shopify"].ShouldBe("8812");
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("a@b")]
    [InlineData("a b@example.com")]
    public void Rejects_invalid_emails(string email)
        => Errors(new ContactInput { Emails = [new() { Value = email }] }).Single().Field.ShouldBe("emails[0].value");

    [Fact]
    public void Rejects_two_primary_emails_and_duplicates()
    {
        Errors(new ContactInput { Emails = [new() { Value = "a@x.example", Primary = true }, new() { Value = "b@x.example", Primary = true }] })
            .ShouldContain(e => e.Field == "emails");
        Errors(new ContactInput { Emails = [new() { Value = "a@x.example" }, new() { Value = "A@x.example" }] })
            .ShouldContain(e => e.Field == "emails[1].value");
    }

    [Fact]
    public void Rejects_long_names_bad_country_phone_and_system()
    {
        var errors = Errors(new ContactInput
        {
            FirstName = new string('a', 201),
            Phones = [new() { Value = "call me" }],
            Address = new AddressInput { Country = "XX" },
            ExternalIds = new() { ["Shop ify"] = "1", ["erp"] = "" },
        });
        errors.Select(e => e.Field).ShouldBe(["firstName", "phones[0].value", "address.country", "externalIds.Shop ify", "externalIds.erp"], ignoreOrder: true);
    }

    [Fact]
    public void Accepts_a_200_character_name()
        => ContactValidator.Validate(new ContactInput { FirstName = new string('a', 200) }).IsSuccess.ShouldBeTrue();
}
