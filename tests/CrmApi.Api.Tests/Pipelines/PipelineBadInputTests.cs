using System.Net;
using CrmApi.Api.Tests.BadInput;
using CrmApi.Api.Tests.Contacts;
using CrmApi.Api.Tests.Deals;
using CrmApi.Api.Tests.Infrastructure;

namespace CrmApi.Api.Tests.Pipelines;

/// <summary>Pipeline and stage changes that must be refused, each with nothing written.</summary>
public abstract class PipelineBadInputTests(ApiFixture fixture)
{
    private const string Open = """{"key":"a","label":"A","probability":0.5}""";

    [Theory]
    [InlineData("""{"name":"P","objectType":"deal","stages":[{"key":"a","label":"A","probability":1.5}]}""", "stages[0].probability")]
    [InlineData("""{"name":"P","objectType":"deal","stages":[{"key":"a","label":"A","probability":-0.1}]}""", "stages[0].probability")]
    [InlineData("""{"name":"P","objectType":"deal","stages":[{"key":"a","label":"A","probability":0.12345}]}""", "stages[0].probability")]
    [InlineData("""{"name":"P","objectType":"deal","stages":[{"key":"a","label":"A"}]}""", "stages[0].probability")]
    [InlineData("""{"name":"P","objectType":"deal","stages":[{"key":"a","label":"A","probability":0.1},{"key":"a","label":"B","probability":0.2}]}""", "stages[1].key")]
    [InlineData("""{"name":"P","objectType":"deal","stages":[{"key":"a","label":"A","probability":0.1,"position":0},{"key":"b","label":"B","probability":0.2,"position":0}]}""", "stages[1].position")]
    [InlineData("""{"name":"P","objectType":"deal","stages":[{"key":"a","label":"A","probability":0.1,"position":0},{"key":"b","label":"B","probability":0.2}]}""", "stages")]
    [InlineData("""{"name":"P","objectType":"deal","stages":[]}""", "stages")]
    [InlineData("""{"name":"P","objectType":"deal"}""", "stages")]
    [InlineData("""{"name":"P","objectType":"deal","stages":[{"key":"Bad Key","label":"A","probability":0.1}]}""", "stages[0].key")]
    [InlineData("""{"name":"P","objectType":"deal","stages":[{"key":"a","probability":0.1}]}""", "stages[0].label")]
    [InlineData("""{"name":"P","objectType":"deal","stages":[{"key":"a","label":"A","probability":0.1,"state":"open"}]}""", "stages[0].state")]
    [InlineData("""{"name":"P","objectType":"deal","stages":[{"key":"a","label":"A","category":"maybe"}]}""", "stages[0].category")]
    [InlineData("""{"name":"P","objectType":"ticket","stages":[{"key":"a","label":"A","probability":0.1,"state":"new"}]}""", "stages[0].probability")]
    [InlineData("""{"name":"P","objectType":"ticket","stages":[{"key":"a","label":"A"}]}""", "stages[0].state")]
    [InlineData("""{"name":"P","objectType":"ticket","stages":[{"key":"a","label":"A","state":"paused"}]}""", "stages[0].state")]
    [InlineData("""{"name":"P","objectType":"order","stages":[]}""", "objectType")]
    [InlineData("""{"name":"P","stages":[]}""", "objectType")]
    [InlineData("""{"objectType":"deal","stages":[{"key":"a","label":"A","probability":0.1}]}""", "name")]
    public async Task An_invalid_pipeline_is_400_naming_the_field(string json, string field)
    {
        var ws = await fixture.NewWorkspaceAsync();
        await ws.Client.PipelinesAsync(); // defaults exist before the fingerprint
        using var response = await ws.SendUnchangedAsync(HttpMethod.Post, "/api/v1/pipelines", json);
        await response.ShouldBeValidationAsync(field);
    }

    [Theory]
    [InlineData("""{"key":"b","label":"B","probability":2}""", "probability")]
    [InlineData("""{"key":"b","label":"B","state":"new","probability":0.2}""", "state")]
    [InlineData("""{"key":"b","label":"B","probability":0.2,"position":-1}""", "position")]
    public async Task An_invalid_new_stage_is_400(string json, string field)
    {
        var ws = await fixture.NewWorkspaceAsync();
        var p = await ws.Client.CreateAsync("pipelines", DealApi.SmallPipeline);
        using var response = await ws.SendUnchangedAsync(HttpMethod.Post, $"/api/v1/pipelines/{p.Id()}/stages", json);
        await response.ShouldBeValidationAsync(field);
    }

    [Fact]
    public async Task A_stage_key_the_pipeline_has_already_is_409()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var p = await ws.Client.CreateAsync("pipelines", DealApi.SmallPipeline);
        using var response = await ws.SendUnchangedAsync(HttpMethod.Post, $"/api/v1/pipelines/{p.Id()}/stages", Open);
        (await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.Conflict, "conflict")).GetProperty("detail").GetString()!.ShouldContain("'a'");
    }

    [Theory]
    [InlineData("""{"probability":1.01}""", "probability")]
    [InlineData("""{"key":"z"}""", "key")]
    [InlineData("""{"label":null}""", "label")]
    [InlineData("""{"state":"open"}""", "state")]
    public async Task An_invalid_stage_change_is_400(string json, string field)
    {
        var ws = await fixture.NewWorkspaceAsync();
        var p = await ws.Client.CreateAsync("pipelines", DealApi.SmallPipeline);
        using var response = await ws.SendUnchangedAsync(HttpMethod.Patch, $"/api/v1/pipelines/{p.Id()}/stages/a", json, RecordApi.MergePatch);
        await response.ShouldBeValidationAsync(field);
    }

    [Fact]
    public async Task Removing_a_stage_that_holds_deals_without_moveTo_is_409()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var p = await ws.Client.CreateAsync("pipelines", DealApi.SmallPipeline);
        var deal = await ws.Client.CreateDealAsync(new { name = "D", pipelineId = p.Id(), stage = "b" });
        // A deleted deal still holds its stage: it can be restored.
        (await ws.Client.DeleteAsync($"/api/v1/deals/{deal.Id()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using var response = await ws.SendUnchangedAsync(HttpMethod.Delete, $"/api/v1/pipelines/{p.Id()}/stages/b");
        var problem = await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.Conflict, "conflict");
        problem.GetProperty("detail").GetString()!.ShouldContain("moveTo");
    }

    [Theory]
    [InlineData("nowhere")]
    [InlineData("b")]
    public async Task Removing_a_stage_with_moveTo_an_unknown_or_the_same_stage_is_400(string moveTo)
    {
        var ws = await fixture.NewWorkspaceAsync();
        var p = await ws.Client.CreateAsync("pipelines", DealApi.SmallPipeline);
        await ws.Client.CreateDealAsync(new { name = "D", pipelineId = p.Id(), stage = "b" });
        using var response = await ws.SendUnchangedAsync(HttpMethod.Delete, $"/api/v1/pipelines/{p.Id()}/stages/b?moveTo={moveTo}");
        await response.ShouldBeValidationAsync("moveTo");
    }

    [Fact]
    public async Task Changing_the_category_of_a_stage_that_holds_deals_is_409()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var p = await ws.Client.CreateAsync("pipelines", DealApi.SmallPipeline);
        await ws.Client.CreateDealAsync(new { name = "D", pipelineId = p.Id(), stage = "b" });
        using var response = await ws.SendUnchangedAsync(HttpMethod.Patch, $"/api/v1/pipelines/{p.Id()}/stages/b",
            """{"category":"won"}""", RecordApi.MergePatch);
        await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.Conflict, "conflict");
    }

    [Fact]
    public async Task Deleting_a_pipeline_that_holds_deals_or_is_the_default_is_409()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var p = await ws.Client.CreateAsync("pipelines", DealApi.SmallPipeline);
        await ws.Client.CreateDealAsync(new { name = "D", pipelineId = p.Id() });
        using var holding = await ws.SendUnchangedAsync(HttpMethod.Delete, $"/api/v1/pipelines/{p.Id()}");
        await ProblemAssertions.ShouldBeProblemAsync(holding, HttpStatusCode.Conflict, "conflict");

        var defaultPipeline = await ws.Client.DefaultPipelineAsync();
        using var isDefault = await ws.SendUnchangedAsync(HttpMethod.Delete, $"/api/v1/pipelines/{defaultPipeline.Id()}");
        (await ProblemAssertions.ShouldBeProblemAsync(isDefault, HttpStatusCode.Conflict, "conflict")).GetProperty("detail").GetString()!.ShouldContain("default");
    }

    [Fact]
    public async Task The_last_stage_cannot_be_removed()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var p = await ws.Client.CreateAsync("pipelines", """{"name":"One","objectType":"deal","stages":[{"key":"only","label":"Only","probability":0.5}]}""");
        using var response = await ws.SendUnchangedAsync(HttpMethod.Delete, $"/api/v1/pipelines/{p.Id()}/stages/only");
        await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.Conflict, "conflict");
    }

    [Theory]
    [InlineData("""{"isDefault":false}""", "isDefault")]
    [InlineData("""{"name":""}""", "name")]
    [InlineData("""{"stages":[]}""", "stages")]
    [InlineData("""{"objectType":"ticket"}""", "objectType")]
    public async Task An_invalid_pipeline_patch_is_400(string json, string field)
    {
        var ws = await fixture.NewWorkspaceAsync();
        var p = await ws.Client.DefaultPipelineAsync();
        using var response = await ws.SendUnchangedAsync(HttpMethod.Patch, $"/api/v1/pipelines/{p.Id()}", json, RecordApi.MergePatch);
        await response.ShouldBeValidationAsync(field);
    }

    [Fact]
    public async Task An_unknown_object_type_filter_is_400()
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var response = await ws.Client.GetAsync("/api/v1/pipelines?objectType=orders");
        await response.ShouldBeValidationAsync("objectType");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PipelineBadInputSqliteTests(SqliteApiFixture fixture) : PipelineBadInputTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PipelineBadInputPostgresTests(PostgresApiFixture fixture) : PipelineBadInputTests(fixture);
