using System.Text;
using System.Text.Json;
using CrmApi.Application.Companies;
using CrmApi.Application.Contacts;
using CrmApi.Application.Querying;
using CrmApi.Domain.Companies;
using CrmApi.Domain.Contacts;
using static CrmApi.Application.Tests.Querying.TestData;

namespace CrmApi.Application.Tests.Querying;

public class PagingTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string?[] FirstNames = ["Ann", "bob", null, "Cleo", "Ann"];
    private static readonly string?[] LastNames = ["Smith", null, "Jones", "smith", "Zed", null, "Álvarez"];
    private static readonly string?[] Cities = ["Paris", "Berlin", null, "Lyon"];

    // 300 contacts with heavy ties (10 timestamps, a handful of names) and missing values in every nullable sort key.
    private static readonly List<Contact> People = [.. Enumerable.Range(0, 300).Select(i => NewContact(
        firstName: FirstNames[i % FirstNames.Length],
        lastName: LastNames[i * 7 % 11 % LastNames.Length],
        email: i % 4 == 0 ? null : $"p{i % 37}@x.com",
        city: Cities[i * 5 % 13 % Cities.Length],
        tags: i % 3 == 0 ? ["vip"] : [],
        createdAt: T0.AddMinutes(i * 3 % 10)))];

    private static readonly List<Company> Firms = [.. Enumerable.Range(0, 120).Select(i => NewCompany(
        name: $"Co {i % 9}",
        employees: i % 5 == 0 ? null : i % 6 * 10,
        revenue: i % 4 == 0 ? null : i % 3 * 1000.5m,
        createdAt: T0.AddMinutes(i % 4)))];

    private delegate IComparable? Key<in T>(T row);

    private static readonly Dictionary<string, (Key<Contact> Key, bool Descending)[]> ContactOrders = new()
    {
        [""] = [(c => c.CreatedAt, true), (c => c.Id, true)],
        ["lastName,-createdAt"] = [(c => c.LastName, false), (c => c.CreatedAt, true), (c => c.Id, true)],
        ["-lastName,firstName"] = [(c => c.LastName, true), (c => c.FirstName, false), (c => c.Id, false)],
        ["address.city,-email"] = [(c => c.Address.City, false), (c => c.Email, true), (c => c.Id, true)],
        ["firstName,-lastName,address.city"] =
            [(c => c.FirstName, false), (c => c.LastName, true), (c => c.Address.City, false), (c => c.Id, false)],
        ["-id"] = [(c => c.Id, true)],
    };

    public static TheoryData<string, int> ContactSorts()
    {
        var data = new TheoryData<string, int>();
        foreach (var sort in ContactOrders.Keys)
        {
            foreach (var limit in new[] { 1, 7, 50, 200 }) data.Add(sort, limit);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ContactSorts))]
    public void Paging_EveryRowOnce_InSortOrder(string sort, int limit)
    {
        var seen = ReadAll(People, ContactFields.Catalog, new ListRequest { Sort = sort, Limit = limit });

        seen.Count.ShouldBe(People.Count);
        seen.Select(c => c.Id).Distinct().Count().ShouldBe(People.Count);
        seen.Select(c => c.Id).ShouldBe(Sorted(People, ContactOrders[sort]).Select(c => c.Id));
    }

    [Theory]
    [InlineData("-employeeCount", 7)]
    [InlineData("annualRevenue,name", 11)]
    [InlineData("name,-annualRevenue,employeeCount", 3)]
    public void Paging_Companies_NullableNumbersGoLast(string sort, int limit)
    {
        (Key<Company> Key, bool Descending)[] order = sort switch
        {
            "-employeeCount" => [(c => c.EmployeeCount, true), (c => c.Id, true)],
            "annualRevenue,name" => [(c => c.AnnualRevenue, false), (c => c.Name, false), (c => c.Id, false)],
            _ => [(c => c.Name, false), (c => c.AnnualRevenue, true), (c => c.EmployeeCount, false), (c => c.Id, false)],
        };

        var seen = ReadAll(Firms, CompanyFields.Catalog, new ListRequest { Sort = sort, Limit = limit });

        seen.Select(c => c.Id).ShouldBe(Sorted(Firms, order).Select(c => c.Id));
        seen.SkipWhile(c => GetFirst(c, sort) is not null).ShouldAllBe(c => GetFirst(c, sort) == null);
    }

    private static object? GetFirst(Company c, string sort) => sort.TrimStart('-').Split(',')[0] switch
    {
        "employeeCount" => c.EmployeeCount,
        "annualRevenue" => c.AnnualRevenue,
        _ => c.Name,
    };

    [Fact]
    public void Paging_WithFilter_CoversExactlyTheMatchingRows()
    {
        const string filter = """{"or":[{"lastName":{"in":["Smith","Zed"]}},{"tags":{"contains":"vip"}}]}""";

        var seen = ReadAll(People, ContactFields.Catalog, new ListRequest { FilterText = filter, Sort = "lastName,-createdAt", Limit = 9 });

        var expected = Sorted(
            People.Where(c => c.LastName is "Smith" or "Zed" || c.Tags.Contains("vip")),
            ContactOrders["lastName,-createdAt"]);
        expected.Count.ShouldBeGreaterThan(50);
        seen.Select(c => c.Id).ShouldBe(expected.Select(c => c.Id));
    }

    [Fact]
    public void Paging_JsonFilter_AndItsTextForm_GiveTheSameRowsAndCursors()
    {
        const string filter = """{"lastName":{"eq":"Smith"}}""";
        using var document = JsonDocument.Parse(filter);

        var fromJson = Lister.ToPage(People.AsQueryable(), ContactFields.Catalog, new ListRequest { Filter = document.RootElement, Limit = 5 }, Clock).Value!;
        var fromText = Lister.ToPage(People.AsQueryable(), ContactFields.Catalog, new ListRequest { FilterText = filter, Limit = 5 }, Clock).Value!;

        fromJson.Items.Select(c => c.Id).ShouldBe(fromText.Items.Select(c => c.Id));
        fromJson.NextCursor.ShouldNotBeNull();
        fromJson.NextCursor.ShouldBe(fromText.NextCursor);
    }

    [Fact]
    public void Page_ExactMultipleOfTheLimit_EndsWithoutAnEmptyPage()
    {
        var first = Page(new ListRequest { Limit = 150 });
        var second = Page(new ListRequest { Limit = 150, Cursor = first.NextCursor });

        first.Items.Count.ShouldBe(150);
        first.NextCursor.ShouldNotBeNull();
        second.Items.Count.ShouldBe(150);
        second.NextCursor.ShouldBeNull();
    }

    [Fact]
    public void Page_NoLimit_Gives50()
    {
        var page = Page(new ListRequest());

        page.Items.Count.ShouldBe(Lister.DefaultLimit);
        page.Items.Select(c => c.Id).ShouldBe(Sorted(People, ContactOrders[""]).Take(50).Select(c => c.Id));
    }

    [Fact]
    public void Page_NothingMatches_IsEmptyWithoutCursor()
    {
        var page = Page(new ListRequest { FilterText = """{"lastName":{"eq":"Nobody"}}""" });

        page.Items.ShouldBeEmpty();
        page.NextCursor.ShouldBeNull();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(201)]
    public void Build_LimitOutOfRange_IsAValidationErrorOnLimit(int limit)
    {
        var error = Lister.Build(People.AsQueryable(), ContactFields.Catalog, new ListRequest { Limit = limit }, Clock).SingleError();

        error.Field.ShouldBe("limit");
        error.Message.ShouldContain("between 1 and 200");
    }

    [Fact]
    public void Build_SeveralBadParameters_AreReportedTogether()
    {
        var result = Lister.Build(People.AsQueryable(), ContactFields.Catalog,
            new ListRequest { Limit = 500, Sort = "tags", FilterText = """{"nope":{"eq":1}}""" }, Clock);

        result.Errors.Select(e => e.Field).ShouldBe(["limit", "filter.nope", "sort"], ignoreOrder: true);
    }

    [Fact]
    public void Build_FilterAsJsonAndAsText_IsRejected()
    {
        using var document = JsonDocument.Parse("""{"lastName":{"eq":"Smith"}}""");

        var error = Lister.Build(People.AsQueryable(), ContactFields.Catalog,
            new ListRequest { Filter = document.RootElement, FilterText = """{"lastName":{"eq":"Smith"}}""" }, Clock).SingleError();

        error.Field.ShouldBe("filter");
    }

    [Fact]
    public void Cursor_FromAnotherSort_IsRejected()
    {
        var cursor = Page(new ListRequest { Sort = "lastName", Limit = 10 }).NextCursor;

        var error = Lister.ToPage(People.AsQueryable(), ContactFields.Catalog,
            new ListRequest { Sort = "-lastName", Limit = 10, Cursor = cursor }, Clock).SingleError();

        error.Field.ShouldBe("cursor");
        error.Message.ShouldContain("different filter or sort");
    }

    [Fact]
    public void Cursor_FromAnotherFilter_IsRejected()
    {
        var cursor = Page(new ListRequest { FilterText = """{"lastName":{"eq":"Smith"}}""", Limit = 10 }).NextCursor;

        var result = Lister.ToPage(People.AsQueryable(), ContactFields.Catalog,
            new ListRequest { FilterText = """{"lastName":{"eq":"Zed"}}""", Limit = 10, Cursor = cursor }, Clock);
        var noFilter = Lister.ToPage(People.AsQueryable(), ContactFields.Catalog, new ListRequest { Limit = 10, Cursor = cursor }, Clock);

        result.SingleError().Message.ShouldContain("different filter or sort");
        noFilter.SingleError().Field.ShouldBe("cursor");
    }

    [Fact]
    public void Cursor_WithTheSameFilterAndSort_ButAnotherLimit_Continues()
    {
        var first = Page(new ListRequest { Sort = "lastName", Limit = 10 });

        var next = Page(new ListRequest { Sort = "lastName", Limit = 25, Cursor = first.NextCursor });

        next.Items.Select(c => c.Id).ShouldBe(Sorted(People, [(c => c.LastName, false), (c => c.Id, false)])
            .Skip(10).Take(25).Select(c => c.Id));
    }

    [Fact]
    public void Cursor_FromAnotherObjectType_IsRejected()
    {
        var cursor = Lister.ToPage(Firms.AsQueryable(), CompanyFields.Catalog, new ListRequest { Limit = 10 }, Clock).Value!.NextCursor;

        Lister.ToPage(People.AsQueryable(), ContactFields.Catalog, new ListRequest { Limit = 10, Cursor = cursor }, Clock)
            .SingleError().Message.ShouldContain("different filter or sort");
    }

    [Theory]
    [InlineData("garbage!!")]
    [InlineData("bm90IGpzb24")]
    [InlineData("eyJrIjpbXSwiYiI6MX0")]
    public void Cursor_ThatDoesNotDecode_IsRejected(string cursor)
    {
        var error = Lister.ToPage(People.AsQueryable(), ContactFields.Catalog, new ListRequest { Cursor = cursor }, Clock).SingleError();

        error.Field.ShouldBe("cursor");
        error.Message.ShouldContain("not valid");
    }

    [Fact]
    public void Cursor_WithAlteredValues_IsRejected()
    {
        var cursor = Page(new ListRequest { Limit = 10 }).NextCursor!;
        var json = Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(cursor));
        var altered = JsonSerializer.Serialize(new { k = new object[] { "yesterday", "not-a-guid" }, b = JsonDocument.Parse(json).RootElement.GetProperty("b").GetString() });

        var error = Lister.ToPage(People.AsQueryable(), ContactFields.Catalog,
            new ListRequest { Limit = 10, Cursor = System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(altered)) }, Clock).SingleError();

        error.Field.ShouldBe("cursor");
        error.Message.ShouldContain("not valid");
    }

    [Fact]
    public async Task PageAsync_OnAnInMemorySource_ReadsSynchronously()
    {
        var result = await Lister.PageAsync(People.AsQueryable(), ContactFields.Catalog, new ListRequest { Sort = "-id", Limit = 3 }, Clock, CancellationToken.None);

        result.Value!.Items.Select(c => c.Id).ShouldBe(People.Select(c => c.Id).OrderDescending().Take(3));
        result.Value.NextCursor.ShouldNotBeNull();
    }

    [Fact]
    public void Page_Map_KeepsTheCursor()
    {
        var page = Page(new ListRequest { Limit = 2 });

        var mapped = page.Map(c => c.Id);

        mapped.Items.ShouldBe(page.Items.Select(c => c.Id));
        mapped.NextCursor.ShouldBe(page.NextCursor);
    }

    private static Page<Contact> Page(ListRequest request)
    {
        var result = Lister.ToPage(People.AsQueryable(), ContactFields.Catalog, request, Clock);
        result.Errors.ShouldBeEmpty();
        return result.Value!;
    }

    /// <summary>Follows the cursors to the end, checking that every page but the last is full.</summary>
    private static List<T> ReadAll<T>(List<T> rows, ObjectCatalog<T> catalog, ListRequest request)
    {
        var seen = new List<T>();
        for (var pages = 0; ; pages++)
        {
            pages.ShouldBeLessThan(rows.Count + 2, "the cursor does not advance");
            var result = Lister.ToPage(rows.AsQueryable(), catalog, request, Clock);
            result.Errors.ShouldBeEmpty();
            var page = result.Value!;
            seen.AddRange(page.Items);
            if (page.NextCursor is null) return seen;
            page.Items.Count.ShouldBe(request.Limit ?? Lister.DefaultLimit);
            request = request with { Cursor = page.NextCursor };
        }
    }

    /// <summary>The expected order, computed independently of the library: missing values last in either direction.</summary>
    private static List<T> Sorted<T>(IEnumerable<T> rows, (Key<T> Key, bool Descending)[] keys)
    {
        var list = rows.ToList();
        list.Sort((a, b) =>
        {
            foreach (var (key, descending) in keys)
            {
                var (x, y) = (key(a), key(b));
                var order = (x, y) switch
                {
                    (null, null) => 0,
                    (null, _) => 1,
                    (_, null) => -1,
                    _ => descending ? -x.CompareTo(y) : x.CompareTo(y),
                };
                if (order != 0) return order;
            }
            return 0;
        });
        return list;
    }
}
