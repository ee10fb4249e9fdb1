using System.Net;
using System.Text.Json;
using CrmApi.Api.Tests.Contacts;
using CrmApi.Api.Tests.Deals;
using CrmApi.Api.Tests.Infrastructure;
using CrmApi.Infrastructure.Segments;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CrmApi.Api.Tests.Segments;

/// <summary>
/// Seeded random records and random sequences of changes: after every sequence, the members the engine kept current
/// equal a full run of each filter through the list API, and replaying the segment events from empty gives the same
/// members. A host of its own with the worker loop off: the test brings the segments up to date itself, so each check
/// sees every change before it.
/// </summary>
public abstract class SegmentPropertyTests : IAsyncLifetime
{
    private static readonly string[] Stages = ["lead", "customer", "other"];
    private static readonly string[] Industries = ["Software", "Retail", "Health"];
    private static readonly string[] Tags = ["vip", "churn"];

    private static readonly (string ObjectType, string Filter)[] Filters =
    [
        ("contact", """{"lifecycleStage":{"eq":"customer"}}"""),
        ("contact", """{"company.industry":{"eq":"Software"}}"""),
        ("contact", """{"or":[{"lifecycleStage":{"eq":"lead"}},{"tags":{"contains":"vip"}}]}"""),
        ("contact", """{"and":[{"company.industry":{"in":["Retail","Health"]}},{"not":{"lifecycleStage":{"eq":"other"}}}]}"""),
        ("contact", """{"or":[{"address.city":{"in":["Oslo","Lima"]}},{"email":{"endsWith":"@vip.example"}}]}"""),
        ("company", """{"industry":{"eq":"Software"}}"""),
    ];

    private static readonly string[] Cities = ["Oslo", "Lima", "Pune"];

    private ApiFixture _fixture = null!;

    protected abstract ApiFixture NewFixture(Action<IWebHostBuilder> configure);

    public async Task InitializeAsync()
    {
        _fixture = NewFixture(b => b.UseSetting("Crm:Segments:RunWorker", "false"));
        await _fixture.InitializeAsync();
    }

    public Task DisposeAsync() => _fixture.DisposeAsync();

    private Task<int> CatchUpAsync() => _fixture.Factory.Services.GetRequiredService<SegmentWorker>().CatchUpAsync(CancellationToken.None);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Incremental_members_equal_a_full_recomputation_and_the_events_replay_to_them(int seed)
    {
        var random = new Random(seed);
        var ws = await _fixture.NewWorkspaceAsync();
        var client = ws.Client;
        var companies = new List<string>();
        for (var i = 0; i < 4; i++)
            companies.Add((await client.CreateCompanyAsync(new { name = $"Company {i}", industry = Industries[random.Next(Industries.Length)] })).Id());
        var contacts = new List<string>();
        var deleted = new HashSet<string>();
        async Task NewContactAsync()
        {
            var contact = await client.CreateContactAsync(new
            {
                lastName = $"Contact {contacts.Count}",
                lifecycleStage = Stages[random.Next(Stages.Length)],
                tags = Tags.Where(_ => random.Next(3) == 0).ToArray(),
            });
            contacts.Add(contact.Id());
            if (random.Next(2) == 0) await LinkAsync(contact.Id());
        }
        async Task LinkAsync(string contact)
            => (await client.PutAsync($"/api/v1/contacts/{contact}/companies/{companies[random.Next(companies.Count)]}",
                RecordApi.Json("""{"primary":true}"""))).StatusCode.ShouldBe(HttpStatusCode.OK);
        for (var i = 0; i < 20; i++) await NewContactAsync();

        var segments = new List<(string Id, string ObjectType, string Filter)>();
        async Task NewSegmentAsync((string ObjectType, string Filter) f)
        {
            var s = await client.CreateSegmentAsync($$"""{"name":"S{{segments.Count}}","objectType":"{{f.ObjectType}}","kind":"dynamic","filter":{{f.Filter}}}""");
            segments.Add((s.Id(), f.ObjectType, f.Filter));
        }
        foreach (var f in Filters.Take(3)) await NewSegmentAsync(f);

        for (var round = 0; round < 5; round++)
        {
            // Segments made mid-way are built while the others move on.
            if (round == 2) foreach (var f in Filters.Skip(3)) await NewSegmentAsync(f);
            for (var step = 0; step < 12; step++)
            {
                var live = contacts.Where(c => !deleted.Contains(c)).ToList();
                var contact = live[random.Next(live.Count)];
                switch (random.Next(8))
                {
                    case 0 or 1:
                        await Ok(client.PatchAsync($"/api/v1/contacts/{contact}", $$"""{"lifecycleStage":"{{Stages[random.Next(Stages.Length)]}}"}"""));
                        break;
                    case 2:
                        await Ok(client.PatchAsync($"/api/v1/contacts/{contact}", random.Next(3) switch
                        {
                            0 => JsonSerializer.Serialize(new { tags = Tags.Where(_ => random.Next(2) == 0).ToArray() }),
                            1 => JsonSerializer.Serialize(new { address = new { city = Cities[random.Next(Cities.Length)] } }),
                            _ => JsonSerializer.Serialize(new { emails = new[] { new { value = $"c{random.Next(1000)}@{(random.Next(2) == 0 ? "vip" : "mail")}.example", primary = true } } }),
                        }));
                        break;
                    case 3:
                        await Ok(client.PatchAsync($"/api/v1/companies/{companies[random.Next(companies.Count)]}",
                            $$"""{"industry":"{{Industries[random.Next(Industries.Length)]}}"}"""));
                        break;
                    case 4:
                        await LinkAsync(contact);
                        break;
                    case 5:
                        foreach (var company in companies) await client.DeleteAsync($"/api/v1/contacts/{contact}/companies/{company}");
                        break;
                    case 6:
                        if (deleted.Count > 0 && random.Next(2) == 0)
                        {
                            var back = deleted.First();
                            await Ok(client.PostAsync($"/api/v1/contacts/{back}/restore", null));
                            deleted.Remove(back);
                        }
                        else
                        {
                            (await client.DeleteAsync($"/api/v1/contacts/{contact}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
                            deleted.Add(contact);
                        }
                        break;
                    default:
                        await NewContactAsync();
                        break;
                }
            }
            await CatchUpAsync();

            var events = await client.SegmentEventsAsync();
            foreach (var (id, objectType, filter) in segments)
            {
                var members = (await client.MemberIdsAsync(id)).Order().ToList();
                var recomputed = (await client.IdsAsync(objectType == "contact" ? "contacts" : "companies", filter)).Order().ToList();
                members.ShouldBe(recomputed, $"seed {seed}, round {round}, segment {filter}");

                var replayed = new HashSet<string>();
                foreach (var e in events.Where(e => e.GetProperty("object").Str("id") == id))
                {
                    var record = e.GetProperty("data").Str("recordId")!;
                    if (e.Str("type") == "segment.entered") replayed.Add(record).ShouldBeTrue("a record enters only when it is out");
                    else replayed.Remove(record).ShouldBeTrue("a record exits only when it is in");
                }
                replayed.Order().ToList().ShouldBe(members, $"seed {seed}, round {round}, replay of {filter}");
                (await client.GetJsonAsync($"/api/v1/segments/{id}")).Str("state").ShouldBe("ready");
            }
        }
    }

    private static async Task Ok(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}

public sealed class SegmentPropertySqliteTests : SegmentPropertyTests
{
    protected override ApiFixture NewFixture(Action<IWebHostBuilder> configure) => new SqliteApiFixture { Configure = configure };
}

public sealed class SegmentPropertyPostgresTests : SegmentPropertyTests
{
    protected override ApiFixture NewFixture(Action<IWebHostBuilder> configure) => new PostgresApiFixture { Configure = configure };
}
