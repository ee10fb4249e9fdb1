using System.Net;
using CrmApi.Api.Tests.Contacts;
using CrmApi.Api.Tests.Deals;
using CrmApi.Api.Tests.Infrastructure;
using CrmApi.Api.Tests.Tickets;
using CrmApi.Infrastructure.Segments;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CrmApi.Api.Tests.Segments;

/// <summary>
/// Behaviour and time: a segment on activities follows new activities, and one relative to now loses and gains members
/// as the clock moves, with no change to the records. A host of its own on a clock the test moves, its worker loop off.
/// </summary>
public abstract class SegmentTimeTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private ApiFixture _fixture = null!;

    protected abstract ApiFixture NewFixture(Action<IWebHostBuilder> configure);

    public async Task InitializeAsync()
    {
        // The other workers' timers run on the moved clock too: a long interval keeps them from firing on every step.
        _fixture = NewFixture(b => b
            .UseSetting("Crm:Segments:RunWorker", "false")
            .UseSetting("Crm:Sla:CheckInterval", "1.00:00:00")
            .UseSetting("Crm:Events:PruneInterval", "1.00:00:00")
            .UseSetting("Crm:Idempotency:PruneInterval", "1.00:00:00")
            .ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock)));
        await _fixture.InitializeAsync();
    }

    public Task DisposeAsync() => _fixture.DisposeAsync();

    private Task<int> CatchUpAsync() => _fixture.Factory.Services.GetRequiredService<SegmentWorker>().CatchUpAsync(CancellationToken.None);

    [Fact]
    public async Task Members_of_a_relative_filter_move_as_time_passes_and_activities_move_behaviour_members()
    {
        var ws = await _fixture.NewWorkspaceAsync();
        var start = _clock.GetUtcNow();
        var old = await ws.Client.CreateContactAsync(new { lastName = "Old" });
        _clock.Advance(TimeSpan.FromDays(2));
        var fresh = await ws.Client.CreateContactAsync(new { lastName = "Fresh" });

        var recent = await ws.Client.CreateSegmentAsync("""{"name":"New this week","objectType":"contact","kind":"dynamic","filter":{"createdAt":{"withinLast":"P3D"}}}""");
        var buyers = await ws.Client.CreateSegmentAsync(
            """{"name":"Buyers","objectType":"contact","kind":"dynamic","filter":{"activity":{"type":"purchase","occurredAt":{"withinLast":"P30D"},"sum":{"amount":{"gte":500}}}}}""");
        await CatchUpAsync();
        (await ws.Client.MemberIdsAsync(recent.Id())).Order().ShouldBe(new[] { old.Id(), fresh.Id() }.Order());
        (await ws.Client.MemberIdsAsync(buyers.Id())).ShouldBeEmpty();

        // Two purchases make 600 within 30 days: Fresh enters on the activity's own event.
        foreach (var amount in new[] { 200, 400 })
            await ws.Client.PostJsonAsync("/api/v1/activities",
                $$"""{"type":"purchase","amount":{{amount}},"currency":"EUR","occurredAt":"{{_clock.GetUtcNow():O}}","contactIds":["{{fresh.Id()}}"]}""");
        await CatchUpAsync();
        (await ws.Client.MemberIdsAsync(buyers.Id())).ShouldBe([fresh.Id()]);

        // Half an hour before Old is 3 days old a time check keeps it; 10 minutes after, the next check is not due yet;
        // at the next check (an hour after the last) it leaves.
        _clock.SetUtcNow(start + TimeSpan.FromDays(3) - TimeSpan.FromMinutes(30));
        await CatchUpAsync();
        (await ws.Client.MemberIdsAsync(recent.Id())).Count.ShouldBe(2);
        _clock.Advance(TimeSpan.FromMinutes(40));
        await CatchUpAsync();
        (await ws.Client.MemberIdsAsync(recent.Id())).Count.ShouldBe(2, "the time check comes once an hour");
        _clock.Advance(TimeSpan.FromMinutes(20));
        await CatchUpAsync();
        (await ws.Client.MemberIdsAsync(recent.Id())).ShouldBe([fresh.Id()]);

        // A month on, the purchases are out of the window and everyone is out of the week.
        _clock.Advance(TimeSpan.FromDays(31));
        await CatchUpAsync();
        (await ws.Client.MemberIdsAsync(recent.Id())).ShouldBeEmpty();
        (await ws.Client.MemberIdsAsync(buyers.Id())).ShouldBeEmpty();
        var exits = (await ws.Client.SegmentEventsAsync()).Where(e => e.Str("type") == "segment.exited")
            .Select(e => (e.GetProperty("object").Str("id"), e.GetProperty("data").Str("recordId"))).ToList();
        exits.ShouldBe([(recent.Id(), old.Id()), (recent.Id(), fresh.Id()), (buyers.Id(), fresh.Id())], ignoreOrder: true);
        (await ws.Client.GetJsonAsync($"/api/v1/segments/{recent.Id()}")).GetProperty("evaluatedAt").GetDateTimeOffset()
            .ShouldBe(_clock.GetUtcNow());
    }
}

public sealed class SegmentTimeSqliteTests : SegmentTimeTests
{
    protected override ApiFixture NewFixture(Action<IWebHostBuilder> configure) => new SqliteApiFixture { Configure = configure };
}

public sealed class SegmentTimePostgresTests : SegmentTimeTests
{
    protected override ApiFixture NewFixture(Action<IWebHostBuilder> configure) => new PostgresApiFixture { Configure = configure };
}
