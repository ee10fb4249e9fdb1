using CrmApi.Application.Companies;
using CrmApi.Application.Contacts;
using CrmApi.Application.Querying;

namespace CrmApi.Application.Tests.Querying;

public class SortParserTests
{
    private static string Keys(string? sort)
    {
        var result = SortParser.Parse(ContactFields.Catalog, sort);
        result.Errors.ShouldBeEmpty();
        return string.Join(",", result.Value!);
    }

    [Theory]
    [InlineData(null, "-createdAt,-id")]
    [InlineData("", "-createdAt,-id")]
    [InlineData("lastName", "lastName,id")]
    [InlineData("lastName,-createdAt", "lastName,-createdAt,-id")]
    [InlineData(" -lastName , firstName ", "-lastName,firstName,id")]
    [InlineData("address.city,-email", "address.city,-email,-id")]
    [InlineData("-id", "-id")]
    [InlineData("id,lastName", "id,lastName")]
    [InlineData("firstName,lastName,email,phone,jobTitle", "firstName,lastName,email,phone,jobTitle,id")]
    public void Parse_ValidSort_AppendsTheIdInTheLastDirection(string? sort, string expected)
    {
        Keys(sort).ShouldBe(expected);
    }

    [Fact]
    public void Parse_Keys_CarryTheirFieldDefinitions()
    {
        var keys = SortParser.Parse(CompanyFields.Catalog, "-employeeCount").Value!;

        keys[0].Field.ShouldBeSameAs(CompanyFields.Catalog.FindField("employeeCount"));
        keys[0].Descending.ShouldBeTrue();
        keys[1].Field.ShouldBeSameAs(CompanyFields.Catalog.Key);
    }

    [Theory]
    [InlineData("nickname", "Unknown sort field 'nickname'")]
    [InlineData("tags", "Field 'tags' cannot be sorted on")]
    [InlineData("lifecycleStage", "Field 'lifecycleStage' cannot be sorted on")]
    [InlineData("company.name", "Field 'company.name' cannot be sorted on")]
    [InlineData("lastName,-lastName", "Field 'lastName' appears more than once")]
    [InlineData("lastName,", "empty field")]
    [InlineData("-", "empty field")]
    [InlineData("firstName,lastName,email,phone,jobTitle,source", "At most 5 sort fields")]
    public void Parse_InvalidSort_IsAValidationErrorOnSort(string sort, string message)
    {
        var error = SortParser.Parse(ContactFields.Catalog, sort).SingleError();

        error.Field.ShouldBe("sort");
        error.Message.ShouldContain(message);
    }

    [Fact]
    public void Parse_UnknownField_ListsTheSortableOnes()
    {
        var error = SortParser.Parse(ContactFields.Catalog, "name").SingleError();

        error.Message.ShouldContain("Sortable fields: id, createdAt, updatedAt, firstName, lastName, email");
        error.Message.ShouldNotContain("tags");
    }
}
