using CrmApi.Infrastructure.Persistence.Providers;
using Microsoft.EntityFrameworkCore.Storage.Json;

namespace CrmApi.Infrastructure.Tests.Persistence;

/// <summary>
/// The shared list reader and writer stores exactly what EF Core's own writes and reads what it wrote, so columns
/// written before it stay readable and a column reads the same whichever wrote it.
/// </summary>
public sealed class StringListJsonTests
{
    private static readonly JsonValueReaderWriter EfCore =
        new JsonCollectionOfReferencesReaderWriter<List<string>, string>(JsonStringReaderWriter.Instance);

    public static TheoryData<string[]> Lists => new()
    {
        Array.Empty<string>(),
        new[] { "vip" },
        new[] { "ada@example.com", "+44 20 7946 0000", "" },
        new[] { "quote \" and back\\slash", "tab\tnew\nline", "<b>&amp;</b>", "Zoë 日本 🎉" },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public void Writes_what_ef_core_writes_and_reads_it_back(string[] items)
    {
        var json = StringListJson.Instance.ToJsonString(items.ToList());
        json.ShouldBe(EfCore.ToJsonString(items.ToList()));
        ((List<string>)StringListJson.Instance.FromJsonString(json)).ShouldBe(items);
        ((List<string>)EfCore.FromJsonString(json)).ShouldBe(items);
    }

    [Fact]
    public void Reads_into_the_list_it_is_given()
    {
        var existing = new List<string> { "old" };
        var read = StringListJson.Instance.FromJsonString("""["a","b"]""", existing);
        read.ShouldBeSameAs(existing);
        existing.ShouldBe(["a", "b"]);
    }

    [Theory]
    [InlineData("""{"a":1}""")]
    [InlineData("""[1,2]""")]
    public void Refuses_what_is_not_an_array_of_strings(string json)
        => Should.Throw<InvalidOperationException>(() => StringListJson.Instance.FromJsonString(json));
}
