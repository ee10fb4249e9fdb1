using System.Text.Json;
using CrmApi.Application.Companies;
using CrmApi.Application.Contacts;
using CrmApi.Application.Querying;
using CrmApi.Domain.Contacts;

namespace CrmApi.Application.Tests.Querying;

public class FilterParserTests
{
    private static readonly ObjectCatalog<Contact> Contacts = ContactFields.Catalog;

    private static ConditionNode Single(string json)
    {
        var result = FilterParser.ParseText(Contacts, json);
        result.Errors.ShouldBeEmpty();
        return result.Value.ShouldBeOfType<ConditionNode>();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("null")]
    [InlineData("{}")]
    public void ParseText_NoFilter_IsNullNode(string? text)
    {
        var result = FilterParser.ParseText(Contacts, text);

        result.IsSuccess.ShouldBeTrue();
        result.Value.ShouldBeNull();
    }

    [Fact]
    public void Parse_JsonElement_BuildsCondition()
    {
        using var document = JsonDocument.Parse("""{"lastName":{"eq":"Smith"}}""");

        var node = FilterParser.Parse(Contacts, document.RootElement).Value.ShouldBeOfType<ConditionNode>();

        node.Field.ShouldBe("lastName");
        node.Operator.ShouldBe(FilterOperator.Eq);
        node.Values.ShouldBe(["Smith"]);
    }

    [Fact]
    public void Parse_SeveralKeysInOneObject_AreAnImplicitAnd()
    {
        var node = FilterParser.ParseText(Contacts, """{"lastName":{"eq":"Smith"},"firstName":{"eq":"Ann"}}""").Value;

        var and = node.ShouldBeOfType<AndNode>();
        and.Children.Select(c => ((ConditionNode)c).Field).ShouldBe(["lastName", "firstName"]);
    }

    [Fact]
    public void Parse_SeveralOperatorsOnOneField_AreAnImplicitAnd()
    {
        var node = FilterParser.ParseText(Contacts, """{"createdAt":{"gte":"2025-01-01T00:00:00Z","lt":"2025-02-01T00:00:00Z"}}""").Value;

        node!.ToJson().ShouldBe(
            """{"and":[{"createdAt":{"gte":"2025-01-01T00:00:00.0000000Z"}},{"createdAt":{"lt":"2025-02-01T00:00:00.0000000Z"}}]}""");
    }

    [Fact]
    public void Parse_DateTimeWithOffset_IsConvertedToUtc()
    {
        var node = Single("""{"createdAt":{"gt":"2025-01-01T10:00:00+02:00"}}""");

        var value = node.Values[0].ShouldBeOfType<DateTimeOffset>();
        value.Offset.ShouldBe(TimeSpan.Zero);
        value.ShouldBe(new DateTimeOffset(2025, 1, 1, 8, 0, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("""{"email":{"eq":"Ann@Example.COM"}}""", "ann@example.com")]
    [InlineData("""{"address.country":{"eq":"fr"}}""", "FR")]
    [InlineData("""{"tags":{"contains":"VIP"}}""", "vip")]
    [InlineData("""{"company.domain":{"eq":"ACME.io"}}""", "acme.io")]
    [InlineData("""{"lastName":{"eq":"McDonald"}}""", "McDonald")]
    public void Parse_StringLiteral_IsNormalisedForItsField(string json, string expected)
    {
        Single(json).Values[0].ShouldBe(expected);
    }

    [Fact]
    public void Parse_EnumAndUuidAndIntegerLiterals_HaveTheFieldsClrType()
    {
        Single("""{"lifecycleStage":{"in":["lead","marketingQualified"]}}""").Values
            .ShouldBe([LifecycleStage.Lead, LifecycleStage.MarketingQualified]);
        Single("""{"id":{"eq":"0192f5a4-7c1e-7d3a-9b8e-4f2a1c3d5e6f"}}""").Values[0]
            .ShouldBe(Guid.Parse("0192f5a4-7c1e-7d3a-9b8e-4f2a1c3d5e6f"));
        Single("""{"company.employeeCount":{"gte":50.0}}""").Values[0].ShouldBeOfType<int>().ShouldBe(50);
        Single("""{"company.annualRevenue":{"lt":1000.25}}""").Values[0].ShouldBe(1000.25m);
    }

    [Fact]
    public void ToJson_RoundTrips_ThroughTheParser()
    {
        const string json = """
            {"or":[{"lastName":{"in":["Smith","Jones"]}},{"not":{"tags":{"contains":"vip"}}},
             {"lifecycleStage":{"isNull":true},"company.annualRevenue":{"gte":12.5}}]}
            """;
        var first = FilterParser.ParseText(Contacts, json).Value!.ToJson();

        var second = FilterParser.ParseText(Contacts, first).Value!.ToJson();

        second.ShouldBe(first);
        first.ShouldBe(
            """{"or":[{"lastName":{"in":["Smith","Jones"]}},{"not":{"tags":{"contains":"vip"}}},"""
            + """{"and":[{"lifecycleStage":{"isNull":true}},{"company.annualRevenue":{"gte":12.5}}]}]}""");
    }

    [Fact]
    public void Parse_UnknownField_NamesItAndListsKnownFields()
    {
        var error = FilterParser.ParseText(Contacts, """{"nickname":{"eq":"x"}}""").SingleError();

        error.Field.ShouldBe("filter.nickname");
        error.Message.ShouldContain("Unknown field 'nickname'");
        error.Message.ShouldContain("firstName");
    }

    [Fact]
    public void Parse_FieldInWrongCase_SuggestsTheRightName()
    {
        var error = FilterParser.ParseText(Contacts, """{"lastname":{"eq":"x"}}""").SingleError();

        error.Message.ShouldContain("Did you mean 'lastName'?");
    }

    [Fact]
    public void Parse_UnknownOperator_ListsTheAllowedOnes()
    {
        var error = FilterParser.ParseText(Contacts, """{"lastName":{"between":["a","b"]}}""").SingleError();

        error.Field.ShouldBe("filter.lastName.between");
        error.Message.ShouldContain("Unknown operator 'between' for field 'lastName'");
        error.Message.ShouldContain("eq, neq, lt, lte, gt, gte, in, nin, contains, startsWith, endsWith, isNull");
    }

    [Theory]
    [InlineData("""{"createdAt":{"contains":"2025"}}""", "filter.createdAt.contains")]
    [InlineData("""{"lifecycleStage":{"lt":"lead"}}""", "filter.lifecycleStage.lt")]
    [InlineData("""{"tags":{"eq":"vip"}}""", "filter.tags.eq")]
    [InlineData("""{"tags":{"isNull":true}}""", "filter.tags.isNull")]
    [InlineData("""{"id":{"gt":"0192f5a4-7c1e-7d3a-9b8e-4f2a1c3d5e6f"}}""", "filter.id.gt")]
    public void Parse_OperatorTheFieldTypeDoesNotTake_IsRejected(string json, string path)
    {
        var error = FilterParser.ParseText(Contacts, json).SingleError();

        error.Field.ShouldBe(path);
        error.Message.ShouldContain("is not allowed");
        error.Message.ShouldContain("Allowed operators:");
    }

    [Fact]
    public void Parse_IsNullOnAFieldThatAlwaysHasAValue_SaysSo()
    {
        var error = FilterParser.ParseText(Contacts, """{"createdAt":{"isNull":true}}""").SingleError();

        error.Message.ShouldContain("always has a value");
    }

    [Theory]
    [InlineData("""{"lastName":{"eq":5}}""", "filter.lastName.eq", "expects a string; got the number 5")]
    [InlineData("""{"lastName":{"eq":null}}""", "filter.lastName.eq", "{\"isNull\": true}")]
    [InlineData("""{"createdAt":{"gt":"2025-01-01"}}""", "filter.createdAt.gt", "ISO 8601")]
    [InlineData("""{"createdAt":{"gt":"2025-01-01T10:00:00"}}""", "filter.createdAt.gt", "with an offset or Z")]
    [InlineData("""{"createdAt":{"gt":"yesterday"}}""", "filter.createdAt.gt", "got the string \"yesterday\"")]
    [InlineData("""{"lifecycleStage":{"eq":"Lead"}}""", "filter.lifecycleStage.eq", "one of subscriber, lead, marketingQualified, salesQualified, opportunity, customer, evangelist, other")]
    [InlineData("""{"id":{"eq":"not-a-uuid"}}""", "filter.id.eq", "a UUID")]
    [InlineData("""{"company.employeeCount":{"eq":"12"}}""", "filter.company.employeeCount.eq", "a whole number")]
    [InlineData("""{"company.employeeCount":{"eq":1.5}}""", "filter.company.employeeCount.eq", "a whole number")]
    [InlineData("""{"company.employeeCount":{"eq":3000000000}}""", "filter.company.employeeCount.eq", "between -2147483648 and 2147483647")]
    [InlineData("""{"company.annualRevenue":{"gt":"100"}}""", "filter.company.annualRevenue.gt", "expects a number")]
    [InlineData("""{"lastName":{"isNull":"yes"}}""", "filter.lastName.isNull", "expects true or false")]
    public void Parse_LiteralOfTheWrongType_IsRejectedAtItsPath(string json, string path, string message)
    {
        var error = FilterParser.ParseText(Contacts, json).SingleError();

        error.Field.ShouldBe(path);
        error.Message.ShouldContain(message);
    }

    [Fact]
    public void Parse_BooleanField_TakesOnlyBooleans()
    {
        var catalog = new ObjectCatalogBuilder<Flagged>()
            .Field("id", FieldType.Uuid, f => f.Id)
            .Field("active", FieldType.Boolean, f => f.Active)
            .Build(defaultSort: "id");

        FilterParser.ParseText(catalog, """{"active":{"eq":true}}""").Value.ShouldBeOfType<ConditionNode>().Values.ShouldBe([true]);
        FilterParser.ParseText(catalog, """{"active":{"eq":"true"}}""").SingleError().Message.ShouldContain("expects true or false");
        FilterParser.ParseText(catalog, """{"active":{"gt":true}}""").SingleError().Message.ShouldContain("is not allowed");
    }

    [Theory]
    [InlineData("""{"lastName":{"in":[]}}""", "filter.lastName.in", "non-empty array")]
    [InlineData("""{"lastName":{"in":"Smith"}}""", "filter.lastName.in", "non-empty array")]
    [InlineData("""{"lastName":{"nin":["a",2]}}""", "filter.lastName.nin[1]", "expects a string")]
    public void Parse_BadList_IsRejected(string json, string path, string message)
    {
        var error = FilterParser.ParseText(Contacts, json).SingleError();

        error.Field.ShouldBe(path);
        error.Message.ShouldContain(message);
    }

    [Fact]
    public void Parse_ListOfMoreThan100Values_IsRejected()
    {
        var values = string.Join(",", Enumerable.Range(0, 101).Select(i => $"\"n{i}\""));

        FilterParser.ParseText(Contacts, $$$"""{"lastName":{"in":[{{{values}}}]}}""").SingleError().Message.ShouldContain("at most 100 values");
        FilterParser.ParseText(Contacts, $$$"""{"lastName":{"in":[{{{values[..^7]}}}]}}""").IsSuccess.ShouldBeTrue();
    }

    [Fact]
    public void Parse_ErrorDeepInside_CarriesTheFullPath()
    {
        const string json = """{"and":[{"firstName":{"eq":"Ann"}},{"or":[{"lastName":{"eq":7}}]}]}""";

        FilterParser.ParseText(Contacts, json).SingleError().Field.ShouldBe("filter.and[1].or[0].lastName.eq");
    }

    [Fact]
    public void Parse_SeveralProblems_AreAllReported()
    {
        var result = FilterParser.ParseText(Contacts, """{"nickname":{"eq":"x"},"lastName":{"between":1},"createdAt":{"gt":"x"}}""");

        result.Errors.Select(e => e.Field).ShouldBe(["filter.nickname", "filter.lastName.between", "filter.createdAt.gt"]);
    }

    [Theory]
    [InlineData("""{"and":{"lastName":{"eq":"a"}}}""", "filter.and", "non-empty array")]
    [InlineData("""{"or":[]}""", "filter.or", "non-empty array")]
    [InlineData("""{"not":[{"lastName":{"eq":"a"}}]}""", "filter.not", "Expected a filter object")]
    [InlineData("""[{"lastName":{"eq":"a"}}]""", "filter", "Expected a filter object")]
    [InlineData("""{"and":[{}]}""", "filter.and[0]", "Empty filter object")]
    [InlineData("""{"lastName":"Smith"}""", "filter.lastName", "Expected an object of operators")]
    [InlineData("""{"lastName":{}}""", "filter.lastName", "Expected an object of operators")]
    public void Parse_MalformedStructure_IsRejected(string json, string path, string message)
    {
        var error = FilterParser.ParseText(Contacts, json).SingleError();

        error.Field.ShouldBe(path);
        error.Message.ShouldContain(message);
    }

    [Fact]
    public void ParseText_MalformedJson_IsAValidationErrorOnFilter()
    {
        var error = FilterParser.ParseText(Contacts, """{"lastName":{"eq":"Smith"}""").SingleError();

        error.Field.ShouldBe("filter");
        error.Message.ShouldContain("not valid JSON");
    }

    [Fact]
    public void Parse_CustomPath_PrefixesErrors()
    {
        FilterParser.ParseText(Contacts, """{"nickname":{"eq":"x"}}""", "where").SingleError().Field.ShouldBe("where.nickname");
    }

    [Fact]
    public void Parse_TenLevels_IsAllowed_ElevenIsTooDeep()
    {
        static string Nested(int levels) =>
            string.Concat(Enumerable.Repeat("""{"not":""", levels - 1)) + """{"lastName":{"eq":"a"}}""" + new string('}', levels - 1);

        FilterParser.ParseText(Contacts, Nested(10)).IsSuccess.ShouldBeTrue();
        var error = FilterParser.ParseText(Contacts, Nested(11)).SingleError();
        error.Field.ShouldBe("filter" + string.Concat(Enumerable.Repeat(".not", 10)));
        error.Message.ShouldContain("nested too deeply");
    }

    [Fact]
    public void Parse_DepthCountsAndAndOrLevels()
    {
        static string Nested(int levels) =>
            string.Concat(Enumerable.Repeat("""{"or":[""", levels - 1)) + """{"lastName":{"eq":"a"}}""" + string.Concat(Enumerable.Repeat("]}", levels - 1));

        FilterParser.ParseText(Contacts, Nested(10)).IsSuccess.ShouldBeTrue();
        FilterParser.ParseText(Contacts, Nested(11)).SingleError().Message.ShouldContain("nested too deeply");
    }

    [Fact]
    public void Parse_100Conditions_IsAllowed_101IsTooMany()
    {
        static string Conditions(int count) =>
            """{"or":[""" + string.Join(",", Enumerable.Range(0, count).Select(i => $$$"""{"lastName":{"eq":"n{{{i}}}"}}""")) + "]}";

        FilterParser.ParseText(Contacts, Conditions(100)).IsSuccess.ShouldBeTrue();
        var error = FilterParser.ParseText(Contacts, Conditions(101)).SingleError();
        error.Field.ShouldBe("filter");
        error.Message.ShouldContain("too many conditions");
    }

    [Fact]
    public void Parse_CompanyCatalog_KnowsItsOwnFields()
    {
        FilterParser.ParseText(CompanyFields.Catalog, """{"domain":{"eq":"ACME.COM"},"currency":{"eq":"eur"}}""")
            .Value!.ToJson().ShouldBe("""{"and":[{"domain":{"eq":"acme.com"}},{"currency":{"eq":"EUR"}}]}""");
        FilterParser.ParseText(CompanyFields.Catalog, """{"email":{"eq":"x"}}""").SingleError().Field.ShouldBe("filter.email");
    }
}
