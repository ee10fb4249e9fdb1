using System.Net;
using System.Text.Json;
using CrmApi.Api.Tests.BadInput;
using CrmApi.Api.Tests.Contacts;
using CrmApi.Api.Tests.Deals;
using CrmApi.Api.Tests.Infrastructure;
using CrmApi.Application.Common;
using CrmApi.Application.SlaPolicies;
using CrmApi.Domain.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace CrmApi.Api.Tests.SlaPolicies;

public abstract class SlaPolicyTests(ApiFixture fixture)
{
    private const string Urgent = """{"priority":{"eq":"urgent"}}""";

    [Fact]
    public async Task A_policy_is_created_read_listed_changed_and_deleted()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var response = await ws.Client.PostAsync("/api/v1/sla-policies", RecordApi.Json(SlaPolicyApi.Body(" Urgent tickets ", Urgent)));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = await response.BodyAsync();
        var url = $"/api/v1/sla-policies/{created.Id()}";
        response.Headers.Location!.ToString().ShouldBe(url);
        response.ETag().ShouldBe("\"1\"");
        created.GetProperty("name").GetString().ShouldBe("Urgent tickets");
        created.GetProperty("position").GetInt32().ShouldBe(0);
        created.GetProperty("conditions").GetRawText().ShouldBe(Urgent);
        created.GetProperty("deletedAt").ValueKind.ShouldBe(JsonValueKind.Null);
        var calendar = created.GetProperty("calendar");
        calendar.GetProperty("timeZone").GetString().ShouldBe("Europe/Berlin");
        calendar.GetProperty("weeklyHours").GetProperty("monday").GetRawText()
            .ShouldBe("""[{"start":"09:00","end":"12:30"},{"start":"12:30","end":"17:00"}]""");
        calendar.GetProperty("weeklyHours").GetProperty("friday").GetRawText().ShouldBe("""[{"start":"09:00","end":"24:00"}]""");
        calendar.GetProperty("weeklyHours").GetProperty("sunday").GetArrayLength().ShouldBe(0);
        calendar.GetProperty("holidays").GetRawText().ShouldBe("""["2026-12-24","2026-12-25"]""");
        created.GetProperty("targets").GetProperty("urgent").GetRawText().ShouldBe("""{"firstResponseMinutes":30,"resolutionMinutes":240}""");

        (await ws.Client.GetJsonAsync(url)).GetRawText().ShouldBe(created.GetRawText());
        (await ws.Client.PolicyNamesAsync()).ShouldBe(["Urgent tickets"]);
        var notModified = await ws.Client.SendAsync(HttpMethod.Get, url, ifNoneMatch: "\"1\"");
        notModified.StatusCode.ShouldBe(HttpStatusCode.NotModified);

        // Objects merge key by key: only Saturday opens and the high targets change.
        var changed = await ws.Client.PatchAsync(url,
            """{"name":"Urgent","calendar":{"weeklyHours":{"saturday":[{"start":"10:00","end":"14:00"}]}},"targets":{"high":{"resolutionMinutes":600}}}""",
            ifMatch: "\"1\"");
        changed.StatusCode.ShouldBe(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        changed.ETag().ShouldBe("\"2\"");
        var after = await changed.BodyAsync();
        after.GetProperty("name").GetString().ShouldBe("Urgent");
        after.GetProperty("calendar").GetProperty("weeklyHours").GetProperty("saturday").GetRawText().ShouldBe("""[{"start":"10:00","end":"14:00"}]""");
        after.GetProperty("calendar").GetProperty("weeklyHours").GetProperty("monday").GetArrayLength().ShouldBe(2);
        after.GetProperty("targets").GetProperty("high").GetRawText().ShouldBe("""{"firstResponseMinutes":60,"resolutionMinutes":600}""");
        after.GetProperty("conditions").GetRawText().ShouldBe(Urgent);
        (await ws.Client.GetJsonAsync(url)).GetRawText().ShouldBe(after.GetRawText());

        // A patch that changes nothing keeps the version; null removes the conditions (every ticket matches).
        var same = await ws.Client.PatchAsync(url, """{"name":"Urgent"}""");
        (await same.BodyAsync()).Version().ShouldBe(2);
        var everyTicket = await (await ws.Client.PatchAsync(url, """{"conditions":null}""")).BodyAsync();
        everyTicket.GetProperty("conditions").ValueKind.ShouldBe(JsonValueKind.Null);
        everyTicket.Version().ShouldBe(3);

        var deleted = await ws.Client.SendAsync(HttpMethod.Delete, url, ifMatch: "\"3\"");
        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent, await deleted.Content.ReadAsStringAsync());
        (await ws.Client.PolicyNamesAsync()).ShouldBeEmpty();
        // Tickets it governs still refer to it, so it can still be read.
        var gone = await ws.Client.GetJsonAsync(url);
        gone.GetProperty("deletedAt").ValueKind.ShouldBe(JsonValueKind.String);
        gone.Version().ShouldBe(4);
        gone.GetProperty("targets").GetRawText().ShouldBe(after.GetProperty("targets").GetRawText());
        (await ws.Client.DeleteAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await ws.Client.GetJsonAsync(url)).Version().ShouldBe(4);

        using var patchDeleted = await ws.SendUnchangedAsync(HttpMethod.Patch, url, """{"name":"Back"}""", RecordApi.MergePatch);
        await ProblemAssertions.ShouldBeProblemAsync(patchDeleted, HttpStatusCode.Conflict, "conflict");
    }

    [Fact]
    public async Task Policies_are_kept_numbered_as_they_are_placed_moved_and_deleted()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var a = await ws.Client.CreatePolicyAsync("A");
        var b = await ws.Client.CreatePolicyAsync("B");
        var c = await ws.Client.CreatePolicyAsync("C", position: 99);
        c.GetProperty("position").GetInt32().ShouldBe(2);
        var d = await ws.Client.CreatePolicyAsync("D", position: 0);
        (await ws.Client.PolicyNamesAsync()).ShouldBe(["D", "A", "B", "C"]);
        // A shift moves a policy's position, which is part of it: its version moves too.
        (await ws.Client.GetPolicyAsync(a)).Version().ShouldBe(2);
        (await ws.Client.GetPolicyAsync(d)).Version().ShouldBe(1);

        var moved = await ws.Client.PatchAsync($"/api/v1/sla-policies/{c.Id()}", """{"position":1}""");
        moved.StatusCode.ShouldBe(HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
        (await moved.BodyAsync()).Version().ShouldBe(3); // 2 when D went first
        (await ws.Client.PolicyNamesAsync()).ShouldBe(["D", "C", "A", "B"]);
        (await ws.Client.GetPolicyAsync(d)).Version().ShouldBe(1);
        (await ws.Client.GetPolicyAsync(b)).Version().ShouldBe(3);

        (await ws.Client.PatchAsync($"/api/v1/sla-policies/{d.Id()}", """{"position":50}""")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ws.Client.PolicyNamesAsync()).ShouldBe(["C", "A", "B", "D"]);

        (await ws.Client.DeleteAsync($"/api/v1/sla-policies/{a.Id()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await ws.Client.PolicyNamesAsync()).ShouldBe(["C", "B", "D"]);
        (await ws.Client.GetPolicyAsync(a)).GetProperty("position").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task A_write_with_a_stale_version_is_412_and_changes_nothing()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var policy = await ws.Client.CreatePolicyAsync("Gold");
        var url = $"/api/v1/sla-policies/{policy.Id()}";
        (await ws.Client.PatchAsync(url, """{"name":"Platinum"}""")).StatusCode.ShouldBe(HttpStatusCode.OK);

        foreach (var request in new[]
                 {
                     ProblemAssertions.Request(HttpMethod.Patch, url, """{"name":"Silver"}""", RecordApi.MergePatch),
                     ProblemAssertions.Request(HttpMethod.Delete, url),
                 })
        {
            request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
            using var stale = await ws.SendUnchangedAsync(request);
            await ProblemAssertions.ShouldBeProblemAsync(stale, HttpStatusCode.PreconditionFailed, "precondition-failed");
        }
        (await ws.Client.SendAsync(HttpMethod.Delete, url, ifMatch: "\"2\"")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task An_unknown_policy_or_one_of_another_workspace_is_not_found()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var other = await fixture.NewWorkspaceAsync();
        var theirs = await other.Client.CreatePolicyAsync("Theirs");
        foreach (var id in new[] { Guid.CreateVersion7().ToString(), theirs.Id() })
        {
            var url = $"/api/v1/sla-policies/{id}";
            await ProblemAssertions.ShouldBeProblemAsync(await ws.Client.GetAsync(url), HttpStatusCode.NotFound, "not-found");
            using var patch = await ws.SendUnchangedAsync(HttpMethod.Patch, url, """{"name":"Mine"}""", RecordApi.MergePatch);
            await ProblemAssertions.ShouldBeProblemAsync(patch, HttpStatusCode.NotFound, "not-found");
            using var delete = await ws.SendUnchangedAsync(HttpMethod.Delete, url);
            await ProblemAssertions.ShouldBeProblemAsync(delete, HttpStatusCode.NotFound, "not-found");
        }
        (await ws.Client.PolicyNamesAsync()).ShouldBeEmpty();
        (await other.Client.PolicyNamesAsync()).ShouldBe(["Theirs"]);
    }

    [Fact]
    public async Task Reading_takes_tickets_read_and_writing_takes_sla_manage()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var policy = await ws.Client.CreatePolicyAsync("Gold");
        var url = $"/api/v1/sla-policies/{policy.Id()}";
        using var reader = await ws.ClientWithScopesAsync("tickets:read");
        using var manager = await ws.ClientWithScopesAsync("sla:manage");
        using var unrelated = await ws.ClientWithScopesAsync("tickets:write", "pipelines:manage");

        (await reader.GetAsync("/api/v1/sla-policies")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await reader.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var client in new[] { reader, unrelated })
        {
            foreach (var request in new[]
                     {
                         ProblemAssertions.Request(HttpMethod.Post, "/api/v1/sla-policies", SlaPolicyApi.Body("Silver")),
                         ProblemAssertions.Request(HttpMethod.Patch, url, """{"name":"Silver"}""", RecordApi.MergePatch),
                         ProblemAssertions.Request(HttpMethod.Delete, url),
                     })
            {
                using var refused = await ws.SendUnchangedAsync(request, client);
                await ProblemAssertions.ShouldBeProblemAsync(refused, HttpStatusCode.Forbidden, "forbidden");
            }
        }
        // Like every write scope, sla:manage does not imply reading.
        await ProblemAssertions.ShouldBeProblemAsync(await manager.GetAsync(url), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssertions.ShouldBeProblemAsync(await unrelated.GetAsync("/api/v1/sla-policies"), HttpStatusCode.Forbidden, "forbidden");
        (await manager.PatchAsync(url, """{"name":"Platinum"}""")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await manager.DeleteAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task A_workspace_keeps_at_most_the_maximum_of_live_policies()
    {
        var ws = await fixture.NewWorkspaceAsync();
        for (var i = 0; i < SlaPolicyDefinition.LiveMax; i++) await ws.Client.CreatePolicyAsync($"P{i}");
        using var refused = await ws.SendUnchangedAsync(HttpMethod.Post, "/api/v1/sla-policies", SlaPolicyApi.Body("One more"));
        await ProblemAssertions.ShouldBeProblemAsync(refused, HttpStatusCode.Conflict, "conflict");
        var first = (await ws.Client.GetJsonAsync("/api/v1/sla-policies")).GetProperty("data")[0];
        (await ws.Client.DeleteAsync($"/api/v1/sla-policies/{first.Id()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await ws.Client.CreatePolicyAsync("One more");
    }

    [Fact]
    public async Task The_book_matches_tickets_and_sees_each_write_at_once()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var urgent = await ws.Client.CreatePolicyAsync("Urgent", Urgent);
        var vip = await ws.Client.CreatePolicyAsync("VIP", """{"tags":{"contains":"vip"}}""");
        var fallback = await ws.Client.CreatePolicyAsync("Everyone else");
        var urgentTicket = NewTicket(ws.Id, TicketPriority.Urgent, "vip");
        var vipTicket = NewTicket(ws.Id, TicketPriority.Low, "vip");
        var plainTicket = NewTicket(ws.Id, TicketPriority.Normal);

        var set = await LoadBookAsync(ws.Id);
        set.Match(urgentTicket)!.Id.ShouldBe(Guid.Parse(urgent.Id()));
        set.Match(vipTicket)!.Id.ShouldBe(Guid.Parse(vip.Id()));
        set.Match(plainTicket)!.Id.ShouldBe(Guid.Parse(fallback.Id()));
        set.Find(Guid.Parse(urgent.Id()))!.Policy.TargetsFor(TicketPriority.Urgent).FirstResponseMinutes.ShouldBe(30);
        (await LoadBookAsync(ws.Id)).ShouldBeSameAs(set); // shared across requests until something changes

        (await ws.Client.PatchAsync($"/api/v1/sla-policies/{vip.Id()}", """{"position":0}""")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await LoadBookAsync(ws.Id)).Match(urgentTicket)!.Name.ShouldBe("VIP");

        (await ws.Client.DeleteAsync($"/api/v1/sla-policies/{fallback.Id()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var afterDelete = await LoadBookAsync(ws.Id);
        afterDelete.Match(plainTicket).ShouldBeNull();
        afterDelete.Find(Guid.Parse(fallback.Id()))!.IsDeleted.ShouldBeTrue();

        (await ws.Client.PatchAsync($"/api/v1/sla-policies/{urgent.Id()}", """{"targets":{"urgent":{"firstResponseMinutes":15}}}"""))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await LoadBookAsync(ws.Id)).Find(Guid.Parse(urgent.Id()))!.Policy.TargetsFor(TicketPriority.Urgent).FirstResponseMinutes.ShouldBe(15);

        var other = await fixture.NewWorkspaceAsync();
        (await LoadBookAsync(other.Id)).All.ShouldBeEmpty();
    }

    private async Task<SlaPolicySet> LoadBookAsync(Guid workspaceId)
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<WorkspaceContext>().Set(workspaceId, "system", null);
        return await scope.ServiceProvider.GetRequiredService<SlaPolicyBook>().LoadAsync(CancellationToken.None);
    }

    private static Ticket NewTicket(Guid workspaceId, TicketPriority priority, params string[] tags) => Ticket.Create(
        Guid.CreateVersion7(), workspaceId,
        new TicketDetails("Help", null, Guid.CreateVersion7(), "new", priority, TicketChannel.Email, null, null, null, tags,
            new Dictionary<string, string>()),
        DateTimeOffset.UtcNow);
}

[Collection(SqliteCollection.Name)]
public sealed class SlaPolicySqliteTests(SqliteApiFixture fixture) : SlaPolicyTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class SlaPolicyPostgresTests(PostgresApiFixture fixture) : SlaPolicyTests(fixture);
