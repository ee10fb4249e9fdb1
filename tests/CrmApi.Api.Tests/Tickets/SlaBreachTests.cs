using System.Text.Json;
using CrmApi.Api.Tests.Contacts;
using CrmApi.Api.Tests.Deals;
using CrmApi.Api.Tests.Infrastructure;
using CrmApi.Infrastructure.Tickets;
using Microsoft.Extensions.Time.Testing;

namespace CrmApi.Api.Tests.Tickets;

/// <summary>
/// <c>ticket.sla_breached</c> from the breach worker, on hosts whose clock the test moves: once per ticket and target,
/// at the due instant, also when the target fell due while no host ran and when two hosts check at once.
/// </summary>
public abstract class SlaBreachTests(ApiFixture fixture)
{
    /// <summary>Waits (up to 20 s) until the ticket has <paramref name="count"/> breach events, and returns them.</summary>
    private static async Task<List<JsonElement>> BreachesAsync(HttpClient client, string id, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var events = await client.EventsOfAsync(id, "ticket.sla_breached");
            if (events.Count >= count || DateTime.UtcNow > deadline) return events;
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Each_missed_target_is_reported_once_also_across_restarts_and_concurrent_checks()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var policy = await ws.Client.CreateAsync("sla-policies", TicketSlaTests.AlwaysOpen("Fast", (10, 60)));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        string id;
        DateTimeOffset created;
        await using (var first = new ClockedHost(fixture, clock))
        {
            var ticket = await first.Client(ws.Key).CreateAsync("tickets", new { subject = "Nobody answers" });
            (id, created) = (ticket.Id(), ticket.GetProperty("createdAt").GetDateTimeOffset());
            clock.Advance(TimeSpan.FromMinutes(9));
            await first.Service<SlaBreachWorker>().CheckAsync(CancellationToken.None);
            (await ws.Client.EventsOfAsync(id, "ticket.sla_breached")).ShouldBeEmpty();

            clock.Advance(TimeSpan.FromMinutes(2));
            var breaches = await BreachesAsync(ws.Client, id, 1);
            var data = breaches.Single().GetProperty("data");
            data.Str("target").ShouldBe("firstResponse");
            data.Str("policyId").ShouldBe(policy.Id());
            data.GetProperty("dueAt").GetDateTimeOffset().ShouldBe(created.AddMinutes(10));
            data.GetProperty("ticket").GetProperty("sla").GetProperty("firstResponse").GetProperty("breached").GetBoolean().ShouldBeTrue();
            breaches[0].GetProperty("occurredAt").GetDateTimeOffset().ShouldBe(clock.GetUtcNow(), TimeSpan.FromSeconds(1));
        }

        // The resolution target falls due while no host runs: the next one to start reports it.
        clock.Advance(TimeSpan.FromMinutes(60));
        await using (var second = new ClockedHost(fixture, clock))
        {
            var breaches = await BreachesAsync(ws.Client, id, 2);
            breaches.Count.ShouldBe(2);
            breaches[1].GetProperty("data").Str("target").ShouldBe("resolution");
            breaches[1].GetProperty("data").GetProperty("dueAt").GetDateTimeOffset().ShouldBe(created.AddMinutes(60));

            await using var third = new ClockedHost(fixture, clock);
            await Task.WhenAll(second.Service<SlaBreachWorker>().CheckAsync(CancellationToken.None), third.Service<SlaBreachWorker>().CheckAsync(CancellationToken.None));
        }
        (await ws.Client.EventsOfAsync(id, "ticket.sla_breached")).Count.ShouldBe(2);
        var sla = (await ws.Client.TicketAsync(id)).GetProperty("sla");
        sla.GetProperty("resolution").GetProperty("dueAt").GetDateTimeOffset().ShouldBe(created.AddMinutes(60));
    }

    [Fact]
    public async Task A_late_reply_is_a_breach_reported_once()
    {
        var ws = await fixture.NewWorkspaceAsync();
        await ws.Client.CreateAsync("sla-policies", TicketSlaTests.AlwaysOpen("Fast", (10, 600)));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = new ClockedHost(fixture, clock);
        var client = host.Client(ws.Key);
        var id = (await client.CreateAsync("tickets", new { subject = "Slow reply" })).Id();
        clock.Advance(TimeSpan.FromMinutes(15));
        await client.CommentAsync(id, """{"body":"Sorry for the wait"}""");
        await host.Service<SlaBreachWorker>().CheckAsync(CancellationToken.None);

        var first = (await client.TicketAsync(id)).GetProperty("sla").GetProperty("firstResponse");
        first.GetProperty("breached").GetBoolean().ShouldBeTrue();
        first.GetProperty("achievedAt").ValueKind.ShouldBe(JsonValueKind.String);
        var breaches = await ws.Client.EventsOfAsync(id, "ticket.sla_breached");
        breaches.Single().GetProperty("data").Str("target").ShouldBe("firstResponse");
    }

    [Fact]
    public async Task A_paused_ticket_does_not_breach()
    {
        var ws = await fixture.NewWorkspaceAsync();
        await ws.Client.CreateAsync("sla-policies", TicketSlaTests.AlwaysOpen("Fast", (10, 60)));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = new ClockedHost(fixture, clock);
        var client = host.Client(ws.Key);
        var id = (await client.CreateAsync("tickets", new { subject = "Waiting on you" })).Id();
        await client.CommentAsync(id, """{"body":"Could you send a screenshot?"}""");
        await client.PatchTicketAsync(id, """{"stage":"pending"}""");
        clock.Advance(TimeSpan.FromHours(5));
        await host.Service<SlaBreachWorker>().CheckAsync(CancellationToken.None);
        (await ws.Client.EventsOfAsync(id, "ticket.sla_breached")).ShouldBeEmpty();
        (await client.TicketAsync(id)).GetProperty("sla").GetProperty("resolution").GetProperty("remainingMinutes").GetDouble()
            .ShouldBeGreaterThan(50);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SlaBreachSqliteTests(SqliteApiFixture fixture) : SlaBreachTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class SlaBreachPostgresTests(PostgresApiFixture fixture) : SlaBreachTests(fixture);
