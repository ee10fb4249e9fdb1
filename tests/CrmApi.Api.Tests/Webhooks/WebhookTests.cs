using System.Net;
using System.Text.Json;
using CrmApi.Api.Tests.BadInput;
using CrmApi.Api.Tests.Contacts;
using CrmApi.Api.Tests.Deals;
using CrmApi.Api.Tests.Infrastructure;
using CrmApi.Api.Tests.Tickets;
using Microsoft.AspNetCore.Hosting;

namespace CrmApi.Api.Tests.Webhooks;

/// <summary>Webhook endpoints and deliveries to a real Standard Webhooks verifier (the npm package) on loopback.</summary>
public abstract class WebhookTests(ApiFixture fixture)
{
    private static async Task<JsonElement> CreateWebhookAsync(HttpClient client, Uri url, string eventTypes = """["deal.*"]""", string extra = "")
        => await client.CreateAsync("webhooks", $$$"""{"url":"{{{url}}}","eventTypes":{{{eventTypes}}}{{{extra}}}}""");

    private static async Task<JsonElement> DeliveriesAsync(HttpClient client, string id, string query = "")
        => (await client.GetJsonAsync($"/api/v1/webhooks/{id}/deliveries{query}")).GetProperty("data");

    /// <summary>
    /// The log once it shows <paramref name="count"/> deliveries in <paramref name="query"/> (up to 20 s): the receiver
    /// answers before the worker records the answer.
    /// </summary>
    private static async Task<JsonElement> DeliveriesAsync(HttpClient client, string id, string query, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var data = await DeliveriesAsync(client, id, query);
            if (data.GetArrayLength() >= count || DateTime.UtcNow > deadline) return data;
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task An_endpoint_is_created_with_its_secret_once_read_changed_and_deleted()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var response = await ws.Client.PostAsync("/api/v1/webhooks", RecordApi.Json(
            """{"url":"https://hooks.example.com/crm","eventTypes":["deal.*","ticket.created"],"description":"ERP"}"""));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        response.ETag().ShouldBe("\"1\"");
        var created = await response.BodyAsync();
        created.Str("secret")!.ShouldStartWith("whsec_");
        Convert.FromBase64String(created.Str("secret")!["whsec_".Length..]).Length.ShouldBeGreaterThanOrEqualTo(24);
        created.GetProperty("enabled").GetBoolean().ShouldBeTrue();

        var read = await ws.Client.GetJsonAsync($"/api/v1/webhooks/{created.Id()}");
        read.TryGetProperty("secret", out _).ShouldBeFalse();
        (await ws.Client.GetJsonAsync("/api/v1/webhooks")).GetProperty("data").GetArrayLength().ShouldBe(1);

        var off = await ws.Client.PatchAsync($"/api/v1/webhooks/{created.Id()}", """{"enabled":false}""");
        var disabled = await off.BodyAsync();
        disabled.GetProperty("enabled").GetBoolean().ShouldBeFalse();
        disabled.Str("disabledReason").ShouldBe("manual");
        var on = await (await ws.Client.PatchAsync($"/api/v1/webhooks/{created.Id()}", """{"enabled":true}""")).BodyAsync();
        on.GetProperty("disabledReason").ValueKind.ShouldBe(JsonValueKind.Null);

        var rotated = await ws.Client.PostJsonAsync($"/api/v1/webhooks/{created.Id()}/rotate-secret", "{}", HttpStatusCode.OK);
        rotated.Str("secret")!.ShouldNotBe(created.Str("secret"));
        rotated.GetProperty("previousSecretExpiresAt").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddHours(23));

        (await ws.Client.DeleteAsync($"/api/v1/webhooks/{created.Id()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await ws.Client.GetAsync($"/api/v1/webhooks/{created.Id()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"eventTypes":["deal.*"]}""", "url")]
    [InlineData("""{"url":"ftp://hooks.example.com","eventTypes":["deal.*"]}""", "url")]
    [InlineData("""{"url":"https://hooks.example.com","eventTypes":[]}""", "eventTypes")]
    [InlineData("""{"url":"https://hooks.example.com","eventTypes":["deal.exploded"]}""", "eventTypes[0]")]
    [InlineData("""{"url":"https://hooks.example.com","eventTypes":["deal.*","ticket.*"],"filter":{"amount":{"gt":1}}}""", "filter")]
    [InlineData("""{"url":"https://hooks.example.com","eventTypes":["deal.*"],"filter":{"colour":{"eq":"red"}}}""", "filter.colour")]
    [InlineData("""{"url":"https://hooks.example.com","eventTypes":["deal.*"],"secret":"whsec_x"}""", "secret")]
    public async Task A_bad_endpoint_is_400_naming_the_field_and_nothing_is_written(string json, string field)
    {
        var ws = await fixture.NewWorkspaceAsync();
        var before = await ws.Client.GetJsonAsync("/api/v1/webhooks");
        using var response = await ws.SendUnchangedAsync(HttpMethod.Post, "/api/v1/webhooks", json);
        await response.ShouldBeValidationAsync(field);
        (await ws.Client.GetJsonAsync("/api/v1/webhooks")).GetRawText().ShouldBe(before.GetRawText());
    }

    [Theory]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://10.1.2.3/hook")]
    [InlineData("http://hooks.example.com/hook")]
    public async Task Without_the_test_settings_private_addresses_and_plain_http_are_refused(string url)
    {
        var ws = await fixture.NewWorkspaceAsync();
        await using var strict = fixture.Factory.WithWebHostBuilder(b => b
            .UseSetting("Crm:Webhooks:AllowHttp", "false").UseSetting("Crm:Webhooks:AllowPrivateNetworks", "false"));
        using var client = strict.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", ws.Key);
        var response = await client.PostAsync("/api/v1/webhooks", RecordApi.Json($$"""{"url":"{{url}}","eventTypes":["deal.*"]}"""));
        await response.ShouldBeValidationAsync("url");
        (await ws.Client.GetJsonAsync("/api/v1/webhooks")).GetProperty("data").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Matching_events_arrive_signed_and_verified_and_the_log_shows_them()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var hook = await CreateWebhookAsync(ws.Client, new Uri("https://placeholder.example.com/"), extra: ""","filter":{"amount":{"gt":10000}}""");
        await using var receiver = await NodeReceiver.StartAsync([hook.Str("secret")!]);
        await ws.Client.PatchAsync($"/api/v1/webhooks/{hook.Id()}", $$"""{"url":"{{receiver.Url}}"}""");

        var big = await ws.Client.CreateDealAsync(new { name = "Big", amount = 20000, currency = "EUR" });
        await ws.Client.CreateDealAsync(new { name = "Small", amount = 500, currency = "EUR" });
        await ws.Client.CreateAsync("contacts", new { lastName = "Not a deal" });
        var log = await receiver.WaitForAsync(l => l.Count >= 1);
        await Task.Delay(500); // nothing else may follow
        log = await receiver.ReceivedAsync();
        log.Count.ShouldBe(1, receiver.Errors);
        log[0].Verified.ShouldBeTrue(log[0].Error);
        log[0].Type.ShouldBe("deal.created");
        var body = JsonDocument.Parse(log[0].Body).RootElement;
        body.GetProperty("data").GetProperty("object").Str("id").ShouldBe(big.Id());
        body.GetProperty("data").GetProperty("data").GetProperty("amount").GetDecimal().ShouldBe(20000m);
        body.GetProperty("data").GetProperty("sequence").GetInt64().ShouldBeGreaterThan(0);
        log[0].Id.ShouldBe(body.GetProperty("data").Str("id"));

        var deliveries = await DeliveriesAsync(ws.Client, hook.Id(), "?state=succeeded", 1);
        deliveries.GetArrayLength().ShouldBe(1);
        deliveries[0].Str("state").ShouldBe("succeeded");
        deliveries[0].GetProperty("attempts")[0].GetProperty("statusCode").GetInt32().ShouldBe(204);
        (await DeliveriesAsync(ws.Client, hook.Id(), "?state=failed")).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_failed_delivery_is_retried_with_the_same_webhook_id()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var hook = await CreateWebhookAsync(ws.Client, new Uri("https://placeholder.example.com/"), """["ticket.created"]""");
        await using var receiver = await NodeReceiver.StartAsync([hook.Str("secret")!], failFirst: 1);
        await ws.Client.PatchAsync($"/api/v1/webhooks/{hook.Id()}", $$"""{"url":"{{receiver.Url}}"}""");
        await ws.Client.CreateTicketAsync(new { subject = "Retry me" });

        var log = await receiver.WaitForAsync(l => l.Count >= 2, TimeSpan.FromSeconds(30));
        log[0].Status.ShouldBe(500);
        log[1].Status.ShouldBe(204);
        log[1].Id.ShouldBe(log[0].Id);
        log.ShouldAllBe(r => r.Verified);
        var delivery = (await DeliveriesAsync(ws.Client, hook.Id(), "?state=succeeded", 1))[0];
        delivery.Str("state").ShouldBe("succeeded");
        delivery.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("statusCode").GetInt32()).ShouldBe([500, 204]);
    }

    [Fact]
    public async Task Gone_disables_the_endpoint_and_recover_sends_the_failed_messages_again()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var hook = await CreateWebhookAsync(ws.Client, new Uri("https://placeholder.example.com/"), """["contact.created"]""");
        var secret = hook.Str("secret")!;
        await using var gone = await NodeReceiver.StartAsync([secret], status: 410);
        await ws.Client.PatchAsync($"/api/v1/webhooks/{hook.Id()}", $$"""{"url":"{{gone.Url}}"}""");
        await ws.Client.CreateContactAsync(new { lastName = "Gone" });
        await gone.WaitForAsync(l => l.Count >= 1);

        JsonElement endpoint = default;
        for (var i = 0; i < 100; i++)
        {
            endpoint = await ws.Client.GetJsonAsync($"/api/v1/webhooks/{hook.Id()}");
            if (!endpoint.GetProperty("enabled").GetBoolean()) break;
            await Task.Delay(50);
        }
        endpoint.GetProperty("enabled").GetBoolean().ShouldBeFalse();
        endpoint.Str("disabledReason").ShouldBe("gone");
        (await ws.Client.EventsOfAsync(hook.Id(), "webhook.*")).Select(e => e.Str("type")).ShouldBe(["webhook.disabled"]);
        (await DeliveriesAsync(ws.Client, hook.Id(), "?state=failed", 1)).GetArrayLength().ShouldBe(1);

        await using var back = await NodeReceiver.StartAsync([secret]);
        await ws.Client.PatchAsync($"/api/v1/webhooks/{hook.Id()}", $$"""{"url":"{{back.Url}}","enabled":true}""");
        var recovered = await ws.Client.PostJsonAsync($"/api/v1/webhooks/{hook.Id()}/recover",
            $$"""{"since":"{{DateTimeOffset.UtcNow.AddHours(-1):O}}"}""", HttpStatusCode.OK);
        recovered.GetProperty("requeued").GetInt32().ShouldBe(1);
        var log = await back.WaitForAsync(l => l.Count >= 1);
        log[0].Type.ShouldBe("contact.created");
        log[0].Verified.ShouldBeTrue();
    }

    [Fact]
    public async Task After_a_rotation_both_secrets_verify_and_the_test_message_arrives()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var hook = await CreateWebhookAsync(ws.Client, new Uri("https://placeholder.example.com/"), """["deal.created"]""");
        var rotated = await ws.Client.PostJsonAsync($"/api/v1/webhooks/{hook.Id()}/rotate-secret", "{}", HttpStatusCode.OK);
        await using var oldOnly = await NodeReceiver.StartAsync([hook.Str("secret")!]);
        await using var newOnly = await NodeReceiver.StartAsync([rotated.Str("secret")!]);

        foreach (var receiver in new[] { oldOnly, newOnly })
        {
            await ws.Client.PatchAsync($"/api/v1/webhooks/{hook.Id()}", $$"""{"url":"{{receiver.Url}}"}""");
            var test = await ws.Client.PostJsonAsync($"/api/v1/webhooks/{hook.Id()}/test", "{}", HttpStatusCode.Accepted);
            test.Str("eventType").ShouldBe("webhook.test");
            var log = await receiver.WaitForAsync(l => l.Count >= 1);
            log[0].Type.ShouldBe("webhook.test");
            log[0].Verified.ShouldBeTrue(log[0].Error);
        }
    }

    [Fact]
    public async Task Two_instances_on_one_database_send_each_message_once()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var hook = await CreateWebhookAsync(ws.Client, new Uri("https://placeholder.example.com/"), """["contact.created"]""");
        await using var receiver = await NodeReceiver.StartAsync([hook.Str("secret")!]);
        await ws.Client.PatchAsync($"/api/v1/webhooks/{hook.Id()}", $$"""{"url":"{{receiver.Url}}"}""");
        // A second API instance with its own webhook worker, on the same database.
        await using var second = fixture.Factory.WithWebHostBuilder(_ => { });
        _ = second.Server;

        const int count = 200;
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 4 },
            async (i, ct) => await ws.Client.CreateContactAsync(new { lastName = $"Twin {i}" }));
        var log = await receiver.WaitForAsync(l => l.Select(r => r.Id).Distinct().Count() >= count, TimeSpan.FromSeconds(60));
        await Task.Delay(1000); // a second copy would come now
        log = await receiver.ReceivedAsync();
        log.Count.ShouldBe(count, "each message is sent by one instance, once");
        log.ShouldAllBe(r => r.Verified);
        (await DeliveriesAsync(ws.Client, hook.Id(), "?state=succeeded&limit=200", count)).GetArrayLength().ShouldBe(count);
    }

    [Fact]
    public async Task A_key_without_webhooks_manage_cannot_touch_webhooks()
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var reader = await ws.ClientWithScopesAsync("deals:read");
        (await reader.GetAsync("/api/v1/webhooks")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await reader.PostAsync("/api/v1/webhooks", RecordApi.Json("""{"url":"https://hooks.example.com","eventTypes":["*"]}""")))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await ws.Client.GetJsonAsync("/api/v1/webhooks")).GetProperty("data").GetArrayLength().ShouldBe(0);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class WebhookSqliteTests(SqliteApiFixture fixture) : WebhookTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class WebhookPostgresTests(PostgresApiFixture fixture) : WebhookTests(fixture);
