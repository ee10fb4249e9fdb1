using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrmApi.Api.Http;
using CrmApi.Api.Tests.BadInput;
using CrmApi.Api.Tests.Infrastructure;
using CrmApi.Application.Common;
using CrmApi.Application.Idempotency;
using CrmApi.Infrastructure.Idempotency;
using CrmApi.Infrastructure.Persistence;
using CrmApi.Infrastructure.Persistence.Providers;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CrmApi.Api.Tests.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c>: a retry replays the first response and runs nothing; reuse for another request is 422; a key
/// whose request still runs is 409; 5xx is not kept; keys are per workspace and expire after the retention.
/// </summary>
public abstract class IdempotencyTests(ApiFixture fixture)
{
    private const string Key = IdempotencyMiddleware.KeyHeader;
    private const string Replayed = IdempotencyMiddleware.ReplayedHeader;
    private const string MergePatch = "application/merge-patch+json";

    private static string NewKey() => Guid.NewGuid().ToString();

    private static HttpRequestMessage Request(HttpMethod method, string url, string? key, string? json = null,
        string mediaType = "application/json")
    {
        var request = ProblemAssertions.Request(method, url, json, mediaType);
        if (key is not null) request.Headers.TryAddWithoutValidation(Key, key);
        return request;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, string? key,
        string? json = null, string mediaType = "application/json")
    {
        using var request = Request(method, url, key, json, mediaType);
        return await client.SendAsync(request);
    }

    private static bool IsReplayed(HttpResponseMessage response)
        => response.Headers.TryGetValues(Replayed, out var values) && values.Single() == "true";

    private static async Task<int> CountAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("data").GetArrayLength();
    }

    private static Task<int> EventCountAsync(HttpClient client, string type) => CountAsync(client, $"/api/v1/events?types={type}&limit=1000");

    [Fact]
    public async Task A_retried_create_replays_the_first_response_and_creates_one_contact()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var key = NewKey();
        const string body = """{"firstName":"Ada","lastName":"Lovelace"}""";

        using var first = await SendAsync(ws.Client, HttpMethod.Post, "/api/v1/contacts", key, body);
        var firstBody = await first.Content.ReadAsStringAsync();
        first.StatusCode.ShouldBe(HttpStatusCode.Created, firstBody);
        IsReplayed(first).ShouldBeFalse();

        using var second = await SendAsync(ws.Client, HttpMethod.Post, "/api/v1/contacts", key, body);
        (await second.Content.ReadAsStringAsync()).ShouldBe(firstBody);
        second.StatusCode.ShouldBe(HttpStatusCode.Created);
        IsReplayed(second).ShouldBeTrue();
        second.Headers.Location.ShouldBe(first.Headers.Location);
        second.Headers.ETag!.Tag.ShouldBe(first.Headers.ETag!.Tag);
        second.Content.Headers.ContentType!.ToString().ShouldBe(first.Content.Headers.ContentType!.ToString());
        string.Join(",", second.Headers.GetValues("api-supported-versions")).ShouldBe("1");

        (await CountAsync(ws.Client, "/api/v1/contacts")).ShouldBe(1);
        (await EventCountAsync(ws.Client, "contact.created")).ShouldBe(1);
    }

    [Fact]
    public async Task The_same_key_for_a_different_request_is_422_and_writes_nothing()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var key = NewKey();
        (await SendAsync(ws.Client, HttpMethod.Post, "/api/v1/contacts", key, """{"lastName":"Lovelace"}""")).StatusCode.ShouldBe(HttpStatusCode.Created);

        var before = await ws.FingerprintAsync();
        // Another body, another path, another query: each is another request.
        using var otherBody = await SendAsync(ws.Client, HttpMethod.Post, "/api/v1/contacts", key, """{"lastName":"Byron"}""");
        await otherBody.ShouldBeProblemAsync((HttpStatusCode)422, "idempotency-key-reused");
        IsReplayed(otherBody).ShouldBeFalse();
        using var otherPath = await SendAsync(ws.Client, HttpMethod.Post, "/api/v1/companies", key, """{"lastName":"Lovelace"}""");
        await otherPath.ShouldBeProblemAsync((HttpStatusCode)422, "idempotency-key-reused");
        using var otherQuery = await SendAsync(ws.Client, HttpMethod.Post, "/api/v1/contacts?x=1", key, """{"lastName":"Lovelace"}""");
        await otherQuery.ShouldBeProblemAsync((HttpStatusCode)422, "idempotency-key-reused");
        (await ws.FingerprintAsync()).ShouldBe(before);
        (await EventCountAsync(ws.Client, "contact.created")).ShouldBe(1);
    }

    [Fact]
    public async Task A_key_longer_than_255_characters_is_400_and_nothing_runs()
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var request = Request(HttpMethod.Post, "/api/v1/contacts", new string('k', 256), """{"lastName":"Lovelace"}""");
        using var response = await ws.SendUnchangedAsync(request);
        await response.ShouldBeValidationAsync(Key);

        // 255 is the longest allowed.
        using var longest = await SendAsync(ws.Client, HttpMethod.Post, "/api/v1/contacts", new string('k', 255), """{"lastName":"Lovelace"}""");
        longest.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task An_empty_key_is_400_and_nothing_runs()
    {
        var ws = await fixture.NewWorkspaceAsync();
        // The in-memory test host drops a header with an empty value (Kestrel delivers it); a blank one arrives.
        using var request = Request(HttpMethod.Post, "/api/v1/contacts", " ", """{"lastName":"Lovelace"}""");
        using var response = await ws.SendUnchangedAsync(request);
        await response.ShouldBeValidationAsync(Key);

        var runs = 0;
        var middleware = new IdempotencyMiddleware(_ =>
        {
            runs++;
            return Task.CompletedTask;
        }, fixture.Factory.Services.GetRequiredService<IIdempotencyStore>(), fixture.Factory.Services.GetRequiredService<ILogger<IdempotencyMiddleware>>());
        var context = PostContext("");
        await middleware.InvokeAsync(context, WorkspaceContextOf(ws.Id));
        runs.ShouldBe(0);
        context.Response.StatusCode.ShouldBe(400);
        context.Response.Body.Position = 0;
        var problem = await JsonDocument.ParseAsync(context.Response.Body);
        problem.RootElement.GetProperty("errors")[0].GetProperty("field").GetString().ShouldBe(Key);
    }

    [Fact]
    public async Task A_rejected_request_is_the_outcome_and_replays_as_it_was()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var key = NewKey();
        using var first = await SendAsync(ws.Client, HttpMethod.Post, "/api/v1/contacts", key, """{"firstName":5}""");
        var firstBody = await first.Content.ReadAsStringAsync();
        await first.ShouldBeValidationAsync("firstName");

        using var second = await SendAsync(ws.Client, HttpMethod.Post, "/api/v1/contacts", key, """{"firstName":5}""");
        await second.ShouldBeValidationAsync("firstName");
        IsReplayed(second).ShouldBeTrue();
        // Byte for byte, trace id included: it is the first answer, not a second run.
        (await second.Content.ReadAsStringAsync()).ShouldBe(firstBody);
    }

    [Fact]
    public async Task Patch_put_and_delete_replay_without_running_again()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var contact = await ws.CreateAsync("/api/v1/contacts", """{"lastName":"Lovelace"}""");
        var company = await ws.CreateAsync("/api/v1/companies", """{"name":"Engines"}""");

        var patchKey = NewKey();
        using var patched = await SendAsync(ws.Client, HttpMethod.Patch, $"/api/v1/contacts/{contact}", patchKey, """{"jobTitle":"Analyst"}""", MergePatch);
        patched.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var patchedAgain = await SendAsync(ws.Client, HttpMethod.Patch, $"/api/v1/contacts/{contact}", patchKey, """{"jobTitle":"Analyst"}""", MergePatch);
        patchedAgain.StatusCode.ShouldBe(HttpStatusCode.OK);
        IsReplayed(patchedAgain).ShouldBeTrue();
        patchedAgain.Headers.ETag!.Tag.ShouldBe(patched.Headers.ETag!.Tag);
        (await patchedAgain.Content.ReadAsStringAsync()).ShouldBe(await patched.Content.ReadAsStringAsync());
        (await EventCountAsync(ws.Client, "contact.updated")).ShouldBe(1);

        var linkKey = NewKey();
        using var linked = await SendAsync(ws.Client, HttpMethod.Put, $"/api/v1/contacts/{contact}/companies/{company}", linkKey, """{"role":"Founder"}""");
        linked.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var linkedAgain = await SendAsync(ws.Client, HttpMethod.Put, $"/api/v1/contacts/{contact}/companies/{company}", linkKey, """{"role":"Founder"}""");
        linkedAgain.StatusCode.ShouldBe(HttpStatusCode.OK);
        IsReplayed(linkedAgain).ShouldBeTrue();
        (await EventCountAsync(ws.Client, "association.added")).ShouldBe(1);

        var deleteKey = NewKey();
        using var deleted = await SendAsync(ws.Client, HttpMethod.Delete, $"/api/v1/contacts/{contact}", deleteKey);
        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        // Run again, the delete would find nothing (404): the 204 proves it did not run.
        using var deletedAgain = await SendAsync(ws.Client, HttpMethod.Delete, $"/api/v1/contacts/{contact}", deleteKey);
        deletedAgain.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        IsReplayed(deletedAgain).ShouldBeTrue();
        (await deletedAgain.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();
        (await EventCountAsync(ws.Client, "contact.deleted")).ShouldBe(1);
        using var withoutKey = await ws.Client.DeleteAsync($"/api/v1/contacts/{contact}");
        withoutKey.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Workspace_creation_by_the_platform_admin_replays_too()
    {
        using var admin = fixture.Admin();
        var key = NewKey();
        using var first = await SendAsync(admin, HttpMethod.Post, "/api/v1/workspaces", key, """{"name":"Once"}""");
        var firstBody = await first.Content.ReadAsStringAsync();
        first.StatusCode.ShouldBe(HttpStatusCode.Created, firstBody);
        using var second = await SendAsync(admin, HttpMethod.Post, "/api/v1/workspaces", key, """{"name":"Once"}""");
        second.StatusCode.ShouldBe(HttpStatusCode.Created);
        IsReplayed(second).ShouldBeTrue();
        (await second.Content.ReadAsStringAsync()).ShouldBe(firstBody);
    }

    [Fact]
    public async Task The_same_key_in_two_workspaces_is_two_keys()
    {
        var a = await fixture.NewWorkspaceAsync();
        var b = await fixture.NewWorkspaceAsync();
        var key = NewKey();
        using var inA = await SendAsync(a.Client, HttpMethod.Post, "/api/v1/contacts", key, """{"lastName":"Lovelace"}""");
        using var inB = await SendAsync(b.Client, HttpMethod.Post, "/api/v1/contacts", key, """{"lastName":"Lovelace"}""");
        inA.StatusCode.ShouldBe(HttpStatusCode.Created);
        inB.StatusCode.ShouldBe(HttpStatusCode.Created);
        IsReplayed(inB).ShouldBeFalse();
        (await CountAsync(a.Client, "/api/v1/contacts")).ShouldBe(1);
        (await CountAsync(b.Client, "/api/v1/contacts")).ShouldBe(1);
        // And a different body in B does not collide with A's record either.
        using var otherInB = await SendAsync(b.Client, HttpMethod.Post, "/api/v1/contacts", NewKey(), """{"lastName":"Byron"}""");
        otherInB.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Reads_ignore_the_header()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var key = NewKey();
        using var first = await SendAsync(ws.Client, HttpMethod.Get, "/api/v1/contacts", key);
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        await ws.CreateAsync("/api/v1/contacts", """{"lastName":"Lovelace"}""");
        using var second = await SendAsync(ws.Client, HttpMethod.Get, "/api/v1/contacts", key);
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        IsReplayed(second).ShouldBeFalse();
        var page = JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement;
        page.GetProperty("data").GetArrayLength().ShouldBe(1);
        // Not even checked: a GET with an overlong key is answered.
        using var overlong = await SendAsync(ws.Client, HttpMethod.Get, "/api/v1/contacts", new string('k', 300));
        overlong.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Requests_without_the_header_are_not_recorded()
    {
        var ws = await fixture.NewWorkspaceAsync();
        (await SendAsync(ws.Client, HttpMethod.Post, "/api/v1/contacts", null, """{"lastName":"Lovelace"}""")).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await SendAsync(ws.Client, HttpMethod.Post, "/api/v1/contacts", null, """{"lastName":"Lovelace"}""")).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await CountAsync(ws.Client, "/api/v1/contacts")).ShouldBe(2);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_by_the_endpoint_and_not_recorded()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var key = NewKey();
        var json = $$"""{"lastName":"{{new string('x', (int)JsonBody.MaxBytes)}}"}""";
        for (var i = 0; i < 2; i++)
        {
            using var response = await SendAsync(ws.Client, HttpMethod.Post, "/api/v1/contacts", key, json);
            await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
            IsReplayed(response).ShouldBeFalse();
        }
        // The key was never claimed: it is free for a request that fits.
        using var fits = await SendAsync(ws.Client, HttpMethod.Post, "/api/v1/contacts", key, """{"lastName":"Lovelace"}""");
        fits.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    /// <summary>8 requests with one key at once: one runs, the rest get its response or 409, and one contact exists.</summary>
    [Fact]
    public async Task Concurrent_requests_with_one_key_run_once()
    {
        const int requests = 8;
        var ws = await fixture.NewWorkspaceAsync();
        var key = NewKey();
        using var start = new ManualResetEventSlim();
        var sending = Enumerable.Range(0, requests).Select(_ => Task.Run(async () =>
        {
            using var client = fixture.Client(ws.Key);
            start.Wait();
            var response = await SendAsync(client, HttpMethod.Post, "/api/v1/contacts", key, """{"lastName":"Once"}""");
            return (response.StatusCode, Replayed: IsReplayed(response), RetryAfter: response.Headers.RetryAfter?.Delta,
                Body: await response.Content.ReadAsStringAsync());
        })).ToArray();
        start.Set();
        var results = await Task.WhenAll(sending);

        var ran = results.Where(r => r.StatusCode == HttpStatusCode.Created && !r.Replayed).ToList();
        ran.Count.ShouldBe(1, string.Join("\n", results.Select(r => $"{(int)r.StatusCode} {r.Replayed}")));
        foreach (var r in results.Except(ran))
        {
            if (r.StatusCode == HttpStatusCode.Created)
            {
                r.Replayed.ShouldBeTrue();
                r.Body.ShouldBe(ran[0].Body);
            }
            else
            {
                r.StatusCode.ShouldBe(HttpStatusCode.Conflict, r.Body);
                r.RetryAfter.ShouldBe(TimeSpan.FromSeconds(1));
                r.Body.ShouldContain("idempotency-key-in-use");
            }
        }
        (await CountAsync(ws.Client, "/api/v1/contacts")).ShouldBe(1);
        (await EventCountAsync(ws.Client, "contact.created")).ShouldBe(1);
    }

    [Fact]
    public async Task A_key_whose_request_is_still_running_gets_409_with_retry_after()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var key = NewKey();
        const string body = """{"lastName":"Lovelace"}""";
        var store = fixture.Factory.Services.GetRequiredService<IIdempotencyStore>();
        // Holds the key as the same request in flight would.
        var held = await store.ClaimAsync(ws.Id, key, FingerprintOf("POST", "/api/v1/contacts", body), CancellationToken.None);
        held.State.ShouldBe(IdempotencyClaimState.Claimed);

        using var request = Request(HttpMethod.Post, "/api/v1/contacts", key, body);
        using var busy = await ws.SendUnchangedAsync(request);
        await busy.ShouldBeProblemAsync(HttpStatusCode.Conflict, "idempotency-key-in-use");
        busy.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(1));
        string.Join(",", busy.Headers.GetValues("api-supported-versions")).ShouldBe("1");
        // Another request with the held key is reuse, whatever state the first is in.
        using var other = await SendAsync(ws.Client, HttpMethod.Post, "/api/v1/contacts", key, """{"lastName":"Byron"}""");
        await other.ShouldBeProblemAsync((HttpStatusCode)422, "idempotency-key-reused");

        // Once the holder gives up (it failed with a 5xx), the retry runs.
        await store.ReleaseAsync(held.Id, CancellationToken.None);
        using var retried = await SendAsync(ws.Client, HttpMethod.Post, "/api/v1/contacts", key, body);
        retried.StatusCode.ShouldBe(HttpStatusCode.Created);
        IsReplayed(retried).ShouldBeFalse();
        (await CountAsync(ws.Client, "/api/v1/contacts")).ShouldBe(1);
    }

    [Fact]
    public async Task A_key_runs_again_once_the_retention_removed_it()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var key = NewKey();
        const string body = """{"lastName":"Lovelace"}""";
        using var first = await SendAsync(ws.Client, HttpMethod.Post, "/api/v1/contacts", key, body);
        first.StatusCode.ShouldBe(HttpStatusCode.Created);

        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            var sp = scope.ServiceProvider;
            var retention = new IdempotencyRetention(sp.GetRequiredService<CrmDbContext>(), sp.GetRequiredService<IDatabaseProvider>(),
                Options.Create(new IdempotencyOptions { RetentionHours = 24 }), new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(25)));
            (await retention.PruneAsync(CancellationToken.None)).ShouldBeGreaterThanOrEqualTo(1);
        }

        using var second = await SendAsync(ws.Client, HttpMethod.Post, "/api/v1/contacts", key, body);
        second.StatusCode.ShouldBe(HttpStatusCode.Created);
        IsReplayed(second).ShouldBeFalse();
        second.Headers.Location.ShouldNotBe(first.Headers.Location);
        (await CountAsync(ws.Client, "/api/v1/contacts")).ShouldBe(2);
    }

    [Fact]
    public async Task A_replayed_api_key_secret_is_not_stored_in_the_clear()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var key = NewKey();
        using var first = await SendAsync(ws.Client, HttpMethod.Post, "/api/v1/api-keys", key, """{"name":"sync","scopes":["contacts:read"]}""");
        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        var secret = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("key").GetString()!;
        using var again = await SendAsync(ws.Client, HttpMethod.Post, "/api/v1/api-keys", key, """{"name":"sync","scopes":["contacts:read"]}""");
        IsReplayed(again).ShouldBeTrue();
        JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("key").GetString().ShouldBe(secret);

        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var bodies = await db.Set<IdempotencyRecord>().AsNoTracking().Where(r => r.WorkspaceId == ws.Id).Select(r => r.Body).ToListAsync();
        bodies.ShouldNotBeEmpty();
        bodies.ShouldAllBe(b => b != null && !Encoding.UTF8.GetString(b).Contains(secret));
    }

    [Fact]
    public async Task A_claim_treats_an_expired_key_as_absent()
    {
        var services = fixture.Factory.Services;
        var workspace = Guid.NewGuid();
        var key = NewKey();
        var now = DateTimeOffset.UtcNow;
        IdempotencyStore StoreAt(DateTimeOffset time) => new(services.GetRequiredService<IServiceScopeFactory>(),
            services.GetRequiredService<IDatabaseProvider>(), Options.Create(new IdempotencyOptions { RetentionHours = 24 }), new FakeTimeProvider(time),
            services.GetRequiredService<IDataProtectionProvider>());

        var first = await StoreAt(now).ClaimAsync(workspace, key, "a", CancellationToken.None);
        first.State.ShouldBe(IdempotencyClaimState.Claimed);
        await StoreAt(now).CompleteAsync(first.Id, new StoredResponse(201, "application/json", "/x", "\"1\"", [1, 2, 3]), CancellationToken.None);

        var within = await StoreAt(now.AddHours(23)).ClaimAsync(workspace, key, "b", CancellationToken.None);
        within.State.ShouldBe(IdempotencyClaimState.Completed);
        within.Fingerprint.ShouldBe("a");
        within.Response!.Body.ShouldBe(new byte[] { 1, 2, 3 });
        within.Response.Location.ShouldBe("/x");

        var after = await StoreAt(now.AddHours(24).AddSeconds(1)).ClaimAsync(workspace, key, "b", CancellationToken.None);
        after.State.ShouldBe(IdempotencyClaimState.Claimed);
        after.Id.ShouldNotBe(first.Id);
        (await StoreAt(now.AddHours(25)).ClaimAsync(workspace, key, "b", CancellationToken.None)).State.ShouldBe(IdempotencyClaimState.InProgress);
        await StoreAt(now).ReleaseAsync(after.Id, CancellationToken.None);
    }

    [Fact]
    public async Task A_server_error_is_not_kept_so_a_retry_runs_again()
    {
        var runs = 0;
        var status = StatusCodes.Status503ServiceUnavailable;
        var middleware = new IdempotencyMiddleware(async context =>
            {
                runs++;
                context.Response.StatusCode = status;
                await context.Response.WriteAsync("{}");
            }, fixture.Factory.Services.GetRequiredService<IIdempotencyStore>(),
            fixture.Factory.Services.GetRequiredService<ILogger<IdempotencyMiddleware>>());
        var workspace = WorkspaceContextOf(Guid.NewGuid());
        var key = NewKey();

        await middleware.InvokeAsync(Context(key), workspace);
        runs.ShouldBe(1);
        await middleware.InvokeAsync(Context(key), workspace);
        runs.ShouldBe(2);

        // An exception (the host answers 500) gives the key up as well.
        var throwing = new IdempotencyMiddleware(_ => throw new InvalidOperationException("boom"),
            fixture.Factory.Services.GetRequiredService<IIdempotencyStore>(),
            fixture.Factory.Services.GetRequiredService<ILogger<IdempotencyMiddleware>>());
        await Should.ThrowAsync<InvalidOperationException>(() => throwing.InvokeAsync(Context(key), workspace));

        // A 4xx is the outcome: kept, and the next request replays it without running.
        status = StatusCodes.Status409Conflict;
        var context = Context(key);
        await middleware.InvokeAsync(context, workspace);
        runs.ShouldBe(3);
        context.Response.StatusCode.ShouldBe(409);
        var replay = Context(key);
        await middleware.InvokeAsync(replay, workspace);
        runs.ShouldBe(3);
        replay.Response.StatusCode.ShouldBe(409);
        replay.Response.Headers[Replayed].ToString().ShouldBe("true");
        replay.Response.Body.Position = 0;
        (await new StreamReader(replay.Response.Body).ReadToEndAsync()).ShouldBe("{}");

        DefaultHttpContext Context(string idempotencyKey) => PostContext(idempotencyKey);
    }

    /// <summary>A POST as the middleware sees it after authentication, for driving it without a host around it.</summary>
    private DefaultHttpContext PostContext(string idempotencyKey)
    {
        var c = new DefaultHttpContext { RequestServices = fixture.Factory.Services };
        c.Request.Method = "POST";
        c.Request.Path = "/api/v1/contacts";
        c.Request.Headers[Key] = idempotencyKey;
        c.Request.Body = new MemoryStream("{}"u8.ToArray());
        c.Response.Body = new MemoryStream();
        return c;
    }

    private static WorkspaceContext WorkspaceContextOf(Guid workspaceId)
    {
        var workspace = new WorkspaceContext();
        workspace.Set(workspaceId, "apiKey", null);
        return workspace;
    }

    private static string FingerprintOf(string method, string pathAndQuery, string body)
        => IdempotencyMiddleware.Fingerprint(method, pathAndQuery, SHA256.HashData(Encoding.UTF8.GetBytes(body)));
}

[Collection(SqliteCollection.Name)]
public sealed class IdempotencySqliteTests(SqliteApiFixture fixture) : IdempotencyTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class IdempotencyPostgresTests(PostgresApiFixture fixture) : IdempotencyTests(fixture);
