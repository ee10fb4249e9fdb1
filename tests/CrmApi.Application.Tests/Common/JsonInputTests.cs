using System.Text.Json.Nodes;
using CrmApi.Application.Common;
using CrmApi.Application.Companies;
using CrmApi.Application.Contacts;

namespace CrmApi.Application.Tests.Common;

public sealed class JsonInputTests
{
    private static Result<ContactInput> Read(string json) => JsonInput.Read<ContactInput>(JsonNode.Parse(json)!.AsObject());

    [Theory]
    [InlineData("""{"firstName":5}""", "firstName")]
    [InlineData("""{"emails":"x"}""", "emails")]
    [InlineData("""{"emails":[{"value":1}]}""", "emails[0].value")]
    [InlineData("""{"address":{"country":7}}""", "address.country")]
    [InlineData("""{"lifecycleStage":"boss"}""", "lifecycleStage")]
    [InlineData("""{"lifecycleStage":1}""", "lifecycleStage")]
    public void Wrong_types_name_the_field(string json, string field)
    {
        var result = Read(json);
        result.IsSuccess.ShouldBeFalse();
        result.Errors[0].Field.ShouldBe(field);
        result.Errors[0].Code.ShouldBe(ErrorCodes.Validation);
        result.Errors[0].Message.ShouldNotContain("CrmApi"); // no .NET type names leak
    }

    [Theory]
    [InlineData("""{"foo":1}""", "foo")]
    [InlineData("""{"address":{"planet":"Mars"}}""", "address.planet")]
    public void Unknown_properties_are_rejected(string json, string field)
    {
        var result = Read(json);
        result.IsSuccess.ShouldBeFalse();
        result.Errors[0].Field.ShouldBe(field);
        result.Errors[0].Message.ShouldContain("Unknown property");
    }

    [Theory]
    [InlineData("id")]
    [InlineData("workspaceId")]
    [InlineData("version")]
    [InlineData("createdAt")]
    public void Read_only_properties_are_rejected(string name)
    {
        var result = Read($$"""{"{{name}}":"x","firstName":"Ada"}""");
        result.IsSuccess.ShouldBeFalse();
        result.Errors.Single().Field.ShouldBe(name);
        result.Errors[0].Message.ShouldContain("read-only");
    }

    [Fact]
    public void Numbers_in_strings_are_rejected()
    {
        var result = JsonInput.Read<CompanyInput>(JsonNode.Parse("""{"name":"A","employeeCount":"12"}""")!.AsObject());
        result.IsSuccess.ShouldBeFalse();
        result.Errors[0].Field.ShouldBe("employeeCount");
    }

    [Fact]
    public void A_valid_body_reads()
    {
        var result = Read("""{"firstName":"Ada","lifecycleStage":"marketingQualified","externalIds":{"shopify":"1"}}""");
        result.IsSuccess.ShouldBeTrue();
        result.Value!.LifecycleStage.ShouldBe(CrmApi.Domain.Contacts.LifecycleStage.MarketingQualified);
    }
}
