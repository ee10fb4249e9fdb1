using System.Text.Json.Nodes;
using CrmApi.Application.Events;
using CrmApi.Domain.Events;

namespace CrmApi.Application.Tests.Events;

public sealed class EventCatalogTests
{
    [Fact]
    public void Every_event_type_has_a_description_and_a_schema_typing_its_data()
    {
        EventCatalog.All.Select(e => e.Type).ShouldBe(EventTypes.All);
        foreach (var info in EventCatalog.All)
        {
            info.Description.ShouldNotBeNullOrWhiteSpace();
            var schema = info.Schema.AsObject();
            schema["type"]!.GetValue<string>().ShouldBe("object");
            schema["properties"]!["type"]!["const"]!.GetValue<string>().ShouldBe(info.Type);
            schema["properties"]!["data"]!["properties"].ShouldNotBeNull();
        }
        var contact = EventCatalog.All.First(e => e.Type == "contact.updated").Schema;
        contact["properties"]!["data"]!["properties"]!["lastName"].ShouldNotBeNull();
        EventCatalog.All.First(e => e.Type == "association.added").Schema["properties"]!["data"]!["properties"]!["companyId"].ShouldNotBeNull();
    }

    [Fact]
    public void Schemas_have_no_pointers_into_themselves()
        => EventCatalog.All.ShouldAllBe(e => !e.Schema.ToJsonString().Contains("\"$ref\""));

    [Theory]
    [InlineData("contact.*", "contact.updated", true)]
    [InlineData("contact.*", "company.updated", false)]
    [InlineData("*", "association.added", true)]
    [InlineData("company.created", "company.created", true)]
    public void Patterns_match_types(string pattern, string type, bool expected)
    {
        EventTypePattern.IsValid(pattern).ShouldBeTrue();
        EventTypePattern.Matches(pattern, type).ShouldBe(expected);
    }

    [Fact]
    public void Diff_flattens_objects_and_skips_bookkeeping()
    {
        var before = JsonNode.Parse("""{"version":1,"lastName":"A","address":{"city":"X","country":"GB"},"tags":["a"]}""");
        var after = JsonNode.Parse("""{"version":2,"lastName":"A","address":{"city":"Y","country":"GB"},"tags":["a","b"]}""");
        var diff = EventRecorder.Diff(before, after)!;
        diff.Select(p => p.Key).ShouldBe(["address.city", "tags"], ignoreOrder: true);
        diff["address.city"]!["before"]!.GetValue<string>().ShouldBe("X");
        EventRecorder.Diff(before, before).ShouldBeNull();
    }
}
