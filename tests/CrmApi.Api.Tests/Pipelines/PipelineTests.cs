using System.Net;
using System.Text.Json;
using CrmApi.Api.Tests.BadInput;
using CrmApi.Api.Tests.Contacts;
using CrmApi.Api.Tests.Deals;
using CrmApi.Api.Tests.Infrastructure;
using CrmApi.Application.Common;
using CrmApi.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmApi.Api.Tests.Pipelines;

public abstract class PipelineTests(ApiFixture fixture)
{
    [Fact]
    public async Task A_new_workspace_has_one_default_pipeline_of_each_kind()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var all = await ws.Client.PipelinesAsync();
        all.Count.ShouldBe(2);
        all.ShouldAllBe(p => p.GetProperty("isDefault").GetBoolean());

        var deal = await ws.Client.DefaultPipelineAsync("deal");
        deal.Keys().ShouldBe(["appointment_scheduled", "qualified", "proposal", "negotiation", "won", "lost"]);
        deal.StageOf("proposal").GetProperty("probability").GetDecimal().ShouldBe(0.6m);
        deal.StageOf("won").GetProperty("category").GetString().ShouldBe("won");
        deal.StageOf("lost").GetProperty("probability").GetDecimal().ShouldBe(0m);
        deal.StageOf("negotiation").GetProperty("position").GetInt32().ShouldBe(3);

        var tickets = await ws.Client.PipelinesAsync("ticket");
        tickets.Count.ShouldBe(1);
        tickets[0].Keys().ShouldBe(["new", "open", "pending", "solved", "closed"]);
        tickets[0].StageOf("pending").GetProperty("state").GetString().ShouldBe("pending");
        tickets[0].StageOf("pending").GetProperty("probability").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task A_workspace_made_before_pipelines_gets_its_defaults_on_first_read_once()
    {
        var ws = await fixture.NewWorkspaceAsync();
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            // What a workspace created before the Deals migration looks like: no pipelines at all.
            scope.ServiceProvider.GetRequiredService<WorkspaceContext>().Set(ws.Id, "system", null);
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            await db.PipelineStages.ExecuteDeleteAsync();
            await db.Pipelines.ExecuteDeleteAsync();
        }

        var reads = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => ws.Client.PipelinesAsync()));
        reads.ShouldAllBe(r => r.Count == 2);
        var again = await ws.Client.PipelinesAsync();
        again.Select(p => p.Id()).ShouldBe(reads[0].Select(p => p.Id()));
        (await ws.Client.DefaultPipelineAsync()).Keys()[0].ShouldBe("appointment_scheduled");
    }

    [Fact]
    public async Task Pipelines_are_created_read_and_listed_by_object_type()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var response = await ws.Client.PostAsync("/api/v1/pipelines", RecordApi.Json(
            """{"name":" Enterprise ","objectType":"deal","stages":[{"key":"won","label":"Won","category":"won","position":2},{"key":"discovery","label":"Discovery","probability":0.25,"position":0},{"key":"demo","label":"Demo","probability":0.5,"position":1}]}"""));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = await response.BodyAsync();
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/pipelines/{created.Id()}");
        response.ETag().ShouldBe("\"1\"");
        created.GetProperty("name").GetString().ShouldBe("Enterprise");
        created.GetProperty("isDefault").GetBoolean().ShouldBeFalse();
        created.Keys().ShouldBe(["discovery", "demo", "won"]);
        created.StageOf("won").GetProperty("probability").GetDecimal().ShouldBe(1m);

        var ticket = await ws.Client.CreateAsync("pipelines",
            """{"name":"Escalations","objectType":"ticket","stages":[{"key":"triage","label":"Triage","state":"new"},{"key":"waiting","label":"Waiting","state":"pending"}]}""");
        ticket.Keys().ShouldBe(["triage", "waiting"]);

        (await ws.Client.GetJsonAsync($"/api/v1/pipelines/{created.Id()}")).GetRawText().ShouldBe(created.GetRawText());
        (await ws.Client.PipelinesAsync("deal")).Select(p => p.GetProperty("name").GetString()).ShouldBe(["Sales pipeline", "Enterprise"]);
        (await ws.Client.PipelinesAsync("ticket")).Select(p => p.GetProperty("name").GetString()).ShouldBe(["Support pipeline", "Escalations"]);
        var notModified = await ws.Client.SendAsync(HttpMethod.Get, $"/api/v1/pipelines/{created.Id()}", ifNoneMatch: "\"1\"");
        notModified.StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Fact]
    public async Task Making_a_pipeline_the_default_demotes_the_previous_one()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var first = await ws.Client.DefaultPipelineAsync();
        var second = await ws.Client.CreateAsync("pipelines", DealApi.SmallPipeline.Replace("\"Small\",", "\"Small\",\"isDefault\":true,"));
        second.GetProperty("isDefault").GetBoolean().ShouldBeTrue();
        (await ws.Client.DefaultPipelineAsync()).Id().ShouldBe(second.Id());

        var back = await ws.Client.PatchAsync($"/api/v1/pipelines/{first.Id()}", """{"isDefault":true,"name":"Sales"}""");
        back.StatusCode.ShouldBe(HttpStatusCode.OK, await back.Content.ReadAsStringAsync());
        var body = await back.BodyAsync();
        body.GetProperty("name").GetString().ShouldBe("Sales");
        body.Version().ShouldBe(3); // 2 when it stopped being the default, 3 now: one change per request
        (await ws.Client.DefaultPipelineAsync()).Id().ShouldBe(first.Id());
        (await ws.Client.GetJsonAsync($"/api/v1/pipelines/{second.Id()}")).GetProperty("isDefault").GetBoolean().ShouldBeFalse();
        // The ticket default is another object type's and stays.
        (await ws.Client.PipelinesAsync("ticket")).Single().GetProperty("isDefault").GetBoolean().ShouldBeTrue();

        // A deal without a pipeline goes to the default.
        (await ws.Client.CreateDealAsync(new { name = "D" })).GetProperty("pipelineId").GetString().ShouldBe(first.Id());
    }

    [Fact]
    public async Task Stages_are_added_renamed_reordered_and_reweighted_under_the_pipeline_version()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var p = await ws.Client.CreateAsync("pipelines", DealApi.SmallPipeline);
        var url = $"/api/v1/pipelines/{p.Id()}";

        var added = await ws.Client.SendAsync(HttpMethod.Post, $"{url}/stages",
            RecordApi.Json("""{"key":"demo","label":"Demo","probability":0.3,"position":1}"""), ifMatch: "\"1\"");
        added.StatusCode.ShouldBe(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        added.Headers.Location!.ToString().ShouldBe($"{url}/stages/demo");
        var afterAdd = await added.BodyAsync();
        afterAdd.Keys().ShouldBe(["a", "demo", "b", "won", "lost"]);
        afterAdd.Version().ShouldBe(2);

        var renamed = await ws.Client.PatchAsync($"{url}/stages/b", """{"label":"Proposal","probability":0.65}""", ifMatch: "\"2\"");
        renamed.StatusCode.ShouldBe(HttpStatusCode.OK, await renamed.Content.ReadAsStringAsync());
        renamed.ETag().ShouldBe("\"3\"");
        var b = (await renamed.BodyAsync()).StageOf("b");
        b.GetProperty("label").GetString().ShouldBe("Proposal");
        b.GetProperty("probability").GetDecimal().ShouldBe(0.65m);

        var moved = await ws.Client.PatchAsync($"{url}/stages/won", """{"position":0}""");
        (await moved.BodyAsync()).Keys().ShouldBe(["won", "a", "demo", "b", "lost"]);
        var last = await ws.Client.PatchAsync($"{url}/stages/won", """{"position":99}""");
        var final = await last.BodyAsync();
        final.Keys().ShouldBe(["a", "demo", "b", "lost", "won"]);
        final.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("position").GetInt32()).ShouldBe([0, 1, 2, 3, 4]);

        var request = ProblemAssertions.Request(HttpMethod.Patch, $"{url}/stages/a", """{"label":"x"}""");
        request.Headers.TryAddWithoutValidation("If-Match", "\"2\"");
        using var stale = await ws.SendUnchangedAsync(request);
        await ProblemAssertions.ShouldBeProblemAsync(stale, HttpStatusCode.PreconditionFailed, "precondition-failed");
    }

    [Fact]
    public async Task Removing_a_stage_with_moveTo_moves_its_deals_each_with_a_stage_change()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var p = await ws.Client.CreateAsync("pipelines", DealApi.SmallPipeline);
        var one = await ws.Client.CreateDealAsync(new { name = "One", pipelineId = p.Id(), stage = "a" });
        var two = await ws.Client.CreateDealAsync(new { name = "Two", pipelineId = p.Id(), stage = "a" });
        var other = await ws.Client.CreateDealAsync(new { name = "Other", pipelineId = p.Id(), stage = "b" });
        (await ws.Client.DeleteAsync($"/api/v1/deals/{two.Id()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var response = await ws.Client.DeleteAsync($"/api/v1/pipelines/{p.Id()}/stages/a?moveTo=won");
        response.StatusCode.ShouldBe(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());

        (await ws.Client.GetJsonAsync($"/api/v1/pipelines/{p.Id()}")).Keys().ShouldBe(["b", "won", "lost"]);
        var moved = await ws.Client.GetJsonAsync($"/api/v1/deals/{one.Id()}");
        moved.GetProperty("stage").GetString().ShouldBe("won");
        moved.GetProperty("stageCategory").GetString().ShouldBe("won");
        moved.GetProperty("closedAt").ValueKind.ShouldBe(JsonValueKind.String);
        (await ws.Client.GetJsonAsync($"/api/v1/deals/{other.Id()}")).GetProperty("stage").GetString().ShouldBe("b");

        foreach (var id in new[] { one.Id(), two.Id() })
        {
            var events = await ws.Client.EventsOfAsync(id);
            var change = events.Single(e => e.GetProperty("type").GetString() == "deal.stage_changed").GetProperty("data");
            change.GetProperty("from").GetProperty("stage").GetString().ShouldBe("a");
            change.GetProperty("to").GetProperty("stage").GetString().ShouldBe("won");
            events.Count(e => e.GetProperty("type").GetString() == "deal.won").ShouldBe(1);
            events.Single(e => e.GetProperty("type").GetString() == "deal.updated")
                .GetProperty("changes").GetProperty("stage").GetProperty("after").GetString().ShouldBe("won");
        }
        // The deleted deal moved too, so restoring it finds a stage that exists.
        (await ws.Client.PostAsync($"/api/v1/deals/{two.Id()}/restore", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ws.Client.GetJsonAsync($"/api/v1/deals/{two.Id()}")).GetProperty("stage").GetString().ShouldBe("won");
        var history = (await ws.Client.GetJsonAsync($"/api/v1/deals/{one.Id()}/stage-history")).GetProperty("data");
        history.EnumerateArray().Select(s => s.GetProperty("stage").GetString()).ShouldBe(["a", "won"]);
    }

    [Fact]
    public async Task An_empty_stage_is_removed_without_moveTo()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var p = await ws.Client.CreateAsync("pipelines", DealApi.SmallPipeline);
        (await ws.Client.DeleteAsync($"/api/v1/pipelines/{p.Id()}/stages/b")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var after = await ws.Client.GetJsonAsync($"/api/v1/pipelines/{p.Id()}");
        after.Keys().ShouldBe(["a", "won", "lost"]);
        after.StageOf("won").GetProperty("position").GetInt32().ShouldBe(1);
        after.Version().ShouldBe(2);
    }

    [Fact]
    public async Task An_empty_pipeline_that_is_not_the_default_is_deleted()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var p = await ws.Client.CreateAsync("pipelines", DealApi.SmallPipeline);
        (await ws.Client.DeleteAsync($"/api/v1/pipelines/{p.Id()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var gone = await ws.Client.GetAsync($"/api/v1/pipelines/{p.Id()}");
        await ProblemAssertions.ShouldBeProblemAsync(gone, HttpStatusCode.NotFound, "not-found");
        (await ws.Client.PipelinesAsync("deal")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_pipeline_of_another_workspace_is_not_found()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var other = await fixture.NewWorkspaceAsync();
        var p = await other.Client.CreateAsync("pipelines", DealApi.SmallPipeline);
        await ProblemAssertions.ShouldBeProblemAsync(await ws.Client.GetAsync($"/api/v1/pipelines/{p.Id()}"), HttpStatusCode.NotFound, "not-found");
        using var delete = await ws.SendUnchangedAsync(HttpMethod.Delete, $"/api/v1/pipelines/{p.Id()}");
        await ProblemAssertions.ShouldBeProblemAsync(delete, HttpStatusCode.NotFound, "not-found");
        using var deal = await ws.SendUnchangedAsync(HttpMethod.Post, "/api/v1/deals", $$"""{"name":"X","pipelineId":"{{p.Id()}}"}""");
        await deal.ShouldBeValidationAsync("pipelineId");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PipelineSqliteTests(SqliteApiFixture fixture) : PipelineTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PipelinePostgresTests(PostgresApiFixture fixture) : PipelineTests(fixture);
