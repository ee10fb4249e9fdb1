using System.Text.Json;
using CrmApi.Api.Tests.Contacts;
using CrmApi.Api.Tests.Deals;
using CrmApi.Api.Tests.Infrastructure;
using CrmApi.Domain.Webhooks;
using CrmApi.Infrastructure.Webhooks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CrmApi.Api.Tests.Webhooks;

/// <summary>
/// Retries over days, on a host of its own whose clock the test moves: its worker loop is off, and the test runs the
/// worker's rounds (dispatch, claim, send) itself, so every attempt happens at an instant the test chose.
/// </summary>
public abstract class WebhookScheduleTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private ApiFixture _fixture = null!;

    protected abstract ApiFixture NewFixture(Action<IWebHostBuilder> configure);

    public async Task InitializeAsync()
    {
        // The other workers' timers run on the moved clock too: a long interval keeps them from firing on every step.
        _fixture = NewFixture(b => b
            .UseSetting("Crm:Webhooks:RunWorker", "false")
            .UseSetting("Crm:Sla:CheckInterval", "1.00:00:00")
            .UseSetting("Crm:Events:PruneInterval", "1.00:00:00")
            .UseSetting("Crm:Idempotency:PruneInterval", "1.00:00:00")
            .ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock)));
        await _fixture.InitializeAsync();
    }

    public Task DisposeAsync() => _fixture.DisposeAsync();

    private Task<int> RoundAsync() => _fixture.Factory.Services.GetRequiredService<WebhookWorker>().DeliverDueAsync(CancellationToken.None);

    private static async Task<JsonElement> HookAsync(HttpClient client, Uri url, string eventTypes = """["contact.created"]""")
        => await client.CreateAsync("webhooks", $$$"""{"url":"{{{url}}}","eventTypes":{{{eventTypes}}}}""");

    private static async Task<JsonElement[]> DeliveriesAsync(HttpClient client, string hookId)
        => [.. (await client.GetJsonAsync($"/api/v1/webhooks/{hookId}/deliveries?limit=200")).GetProperty("data").EnumerateArray()];

    private static DateTimeOffset At(JsonElement e, string property) => e.GetProperty(property).GetDateTimeOffset();

    [Fact]
    public async Task A_failing_message_is_retried_on_the_schedule_then_fails_with_an_event()
    {
        var ws = await _fixture.NewWorkspaceAsync();
        await using var receiver = await NodeReceiver.StartAsync(["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"], status: 500);
        var hook = await HookAsync(ws.Client, receiver.Url);
        await ws.Client.CreateContactAsync(new { lastName = "Retried" });

        (await RoundAsync()).ShouldBe(1);
        foreach (var (delay, attempt) in WebhookRetrySchedule.Delays.Select((d, i) => (d, i + 1)))
        {
            var delivery = (await DeliveriesAsync(ws.Client, hook.Id())).ShouldHaveSingleItem();
            delivery.Str("state").ShouldBe("pending");
            delivery.GetProperty("attemptCount").GetInt32().ShouldBe(attempt);
            var last = At(delivery.GetProperty("attempts")[attempt - 1], "at");
            var next = At(delivery, "nextAttemptAt");
            // The schedule's step, moved by at most a tenth.
            (next - last).ShouldBeInRange(delay * 0.9 - TimeSpan.FromMilliseconds(1), delay * 1.1 + TimeSpan.FromMilliseconds(1), $"after attempt {attempt}");

            _clock.SetUtcNow(next - TimeSpan.FromSeconds(1));
            (await RoundAsync()).ShouldBe(0, $"attempt {attempt + 1} is not due a second early");
            _clock.SetUtcNow(next);
            (await RoundAsync()).ShouldBe(1, $"attempt {attempt + 1} is due");
        }

        var failed = (await DeliveriesAsync(ws.Client, hook.Id())).ShouldHaveSingleItem();
        failed.Str("state").ShouldBe("failed");
        failed.GetProperty("attemptCount").GetInt32().ShouldBe(WebhookRetrySchedule.MaxAttempts);
        failed.GetProperty("nextAttemptAt").ValueKind.ShouldBe(JsonValueKind.Null);
        failed.GetProperty("attempts").EnumerateArray().ShouldAllBe(a => a.GetProperty("statusCode").GetInt32() == 500);

        var log = await receiver.ReceivedAsync();
        log.Count.ShouldBe(WebhookRetrySchedule.MaxAttempts);
        log.Select(r => r.Id).Distinct().ShouldHaveSingleItem().ShouldBe(failed.Str("eventId"));

        var exhausted = (await ws.Client.EventsOfAsync(hook.Id(), "webhook.*")).ShouldHaveSingleItem();
        exhausted.Str("type").ShouldBe("webhook.delivery_exhausted");
        exhausted.GetProperty("data").Str("id").ShouldBe(failed.Id());

        _clock.Advance(TimeSpan.FromDays(2));
        (await RoundAsync()).ShouldBe(0, "a failed message is not tried again by itself");
        // Out of retries after about 28 hours: not yet 5 days of failures, so the endpoint stays on.
        (await ws.Client.GetJsonAsync($"/api/v1/webhooks/{hook.Id()}")).GetProperty("enabled").GetBoolean().ShouldBeTrue();
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task Retry_after_on_429_and_503_sets_the_next_attempt(int status)
    {
        var ws = await _fixture.NewWorkspaceAsync();
        await using var receiver = await NodeReceiver.StartAsync(["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"]);
        var hook = await HookAsync(ws.Client, new Uri(receiver.Url, $"busy?status={status}&retry-after=3600"));
        await ws.Client.CreateContactAsync(new { lastName = "Later" });

        (await RoundAsync()).ShouldBe(1);
        var delivery = (await DeliveriesAsync(ws.Client, hook.Id())).ShouldHaveSingleItem();
        var first = At(delivery.GetProperty("attempts")[0], "at");
        At(delivery, "nextAttemptAt").ShouldBe(first + TimeSpan.FromHours(1), TimeSpan.FromMilliseconds(1));

        _clock.Advance(TimeSpan.FromMinutes(59));
        (await RoundAsync()).ShouldBe(0, "the schedule's 5 s gives way to the receiver's hour");
        _clock.Advance(TimeSpan.FromMinutes(1));
        (await RoundAsync()).ShouldBe(1);
        (await receiver.ReceivedAsync()).Select(r => r.Status).ShouldBe([status, status]);
    }

    [Fact]
    public async Task An_endpoint_failing_for_five_days_is_disabled_unless_it_succeeded_meanwhile()
    {
        var ws = await _fixture.NewWorkspaceAsync();
        await using var receiver = await NodeReceiver.StartAsync(["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"]);
        var failing = new Uri(receiver.Url, "down?status=500");
        var steady = await HookAsync(ws.Client, failing);
        var recovering = await HookAsync(ws.Client, failing);

        async Task<JsonElement> EndpointAsync(JsonElement hook) => await ws.Client.GetJsonAsync($"/api/v1/webhooks/{hook.Id()}");

        for (var day = 0; day <= 5; day++)
        {
            if (day == 3)
                await ws.Client.PatchAsync($"/api/v1/webhooks/{recovering.Id()}", $$"""{"url":"{{new Uri(receiver.Url, "up?status=204")}}"}""");
            if (day == 4)
                await ws.Client.PatchAsync($"/api/v1/webhooks/{recovering.Id()}", $$"""{"url":"{{failing}}"}""");
            await ws.Client.CreateContactAsync(new { lastName = $"Day {day}" });
            (await RoundAsync()).ShouldBeGreaterThanOrEqualTo(2);

            var endpoint = await EndpointAsync(steady);
            endpoint.GetProperty("enabled").GetBoolean().ShouldBe(day < 5, $"day {day}");
            (await EndpointAsync(recovering)).GetProperty("enabled").GetBoolean().ShouldBeTrue($"day {day}: it succeeded on day 3");
            _clock.Advance(TimeSpan.FromDays(1));
        }

        var disabled = await EndpointAsync(steady);
        disabled.Str("disabledReason").ShouldBe("failing");
        var events = await ws.Client.EventsOfAsync(steady.Id(), "webhook.disabled");
        events.ShouldHaveSingleItem().GetProperty("data").Str("disabledReason").ShouldBe("failing");
        (await ws.Client.EventsOfAsync(recovering.Id(), "webhook.disabled")).ShouldBeEmpty();

        // A disabled endpoint gets nothing more: no new messages, and its pending retries end without a request.
        static int Attempts(JsonElement[] deliveries) => deliveries.Sum(d => d.GetProperty("attemptCount").GetInt32());
        var before = Attempts(await DeliveriesAsync(ws.Client, steady.Id()));
        await ws.Client.CreateContactAsync(new { lastName = "After" });
        _clock.Advance(TimeSpan.FromDays(1));
        await RoundAsync();
        var after = await DeliveriesAsync(ws.Client, steady.Id());
        Attempts(after).ShouldBe(before);
        after.ShouldAllBe(d => d.GetProperty("state").GetString() != "pending");
    }
}

public sealed class WebhookScheduleSqliteTests : WebhookScheduleTests
{
    protected override ApiFixture NewFixture(Action<IWebHostBuilder> configure) => new SqliteApiFixture { Configure = configure };
}

public sealed class WebhookSchedulePostgresTests : WebhookScheduleTests
{
    protected override ApiFixture NewFixture(Action<IWebHostBuilder> configure) => new PostgresApiFixture { Configure = configure };
}
