using CrmApi.Application.Contacts;
using CrmApi.Application.Querying;

namespace CrmApi.Application.Tests.Querying;

/// <summary>The fields a filter reads decide which segments an update re-evaluates, so none may be left out.</summary>
public sealed class FilterFieldsTests
{
    [Theory]
    [InlineData("""{"lastName":{"eq":"Ng"}}""", "lastName")]
    [InlineData("""{"lastName":{"eq":"Ng"},"address.city":{"in":["Oslo"]}}""", "address.city,lastName")]
    [InlineData("""{"or":[{"and":[{"email":{"endsWith":"@x.example"}},{"tags":{"contains":"vip"}}]},{"not":{"company.industry":{"eq":"Retail"}}}]}""",
        "company.industry,email,tags")]
    public void Fields_names_every_field_anywhere_in_the_tree(string filter, string expected)
    {
        var parsed = FilterParser.ParseText(ContactFields.Catalog, filter);
        parsed.Errors.ShouldBeEmpty();

        FilterFacts.Fields(parsed.Value)!.Order(StringComparer.Ordinal).ShouldBe(expected.Split(','));
    }

    [Theory]
    [InlineData("""{"activity":{"type":"call"}}""")]
    [InlineData("""{"or":[{"lastName":{"eq":"Ng"}},{"not":{"activity":{"type":"call","none":true}}}]}""")]
    public void A_filter_with_an_activity_condition_reads_more_than_fields(string filter)
    {
        var parsed = FilterParser.ParseText(ContactFields.Catalog, filter);
        parsed.Errors.ShouldBeEmpty();

        FilterFacts.Fields(parsed.Value).ShouldBeNull();
    }
}
