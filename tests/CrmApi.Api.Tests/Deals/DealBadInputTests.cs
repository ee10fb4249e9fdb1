using System.Net;
using CrmApi.Api.Tests.BadInput;
using CrmApi.Api.Tests.Contacts;
using CrmApi.Api.Tests.Infrastructure;

namespace CrmApi.Api.Tests.Deals;

/// <summary>Deal creates and patches that must be refused, each with nothing written.</summary>
public abstract class DealBadInputTests(ApiFixture fixture)
{
    [Theory]
    [InlineData("""{"name":"D","stage":"nowhere"}""", "stage")]
    [InlineData("""{"name":"D","pipelineId":"0198c3f0-0000-7000-8000-000000000000"}""", "pipelineId")]
    [InlineData("""{"name":"D","amount":-1,"currency":"EUR"}""", "amount")]
    [InlineData("""{"name":"D","amount":1.00001,"currency":"EUR"}""", "amount")]
    [InlineData("""{"name":"D","amount":100,"currency":"ABC"}""", "currency")]
    [InlineData("""{"name":"D","amount":100}""", "currency")]
    [InlineData("""{"name":"D","amount":"100","currency":"EUR"}""", "amount")]
    [InlineData("""{"amount":100,"currency":"EUR"}""", "name")]
    [InlineData("""{"name":"D","expectedCloseDate":"31/03/2026"}""", "expectedCloseDate")]
    [InlineData("""{"name":"D","closedAt":"2026-01-01T00:00:00Z"}""", "closedAt")]
    [InlineData("""{"name":"D","contacts":[{"role":"x"}]}""", "contacts[0].contactId")]
    [InlineData("""{"name":"D","contacts":[{"contactId":"0198c3f0-0000-7000-8000-000000000000"}]}""", "contacts[0].contactId")]
    [InlineData("""{"name":"D","companyIds":["0198c3f0-0000-7000-8000-000000000000"]}""", "companyIds[0]")]
    [InlineData("""{"name":"D","custom":{"nope":1}}""", "custom.nope")]
    public async Task An_invalid_deal_is_400_naming_the_field(string json, string field)
    {
        var ws = await fixture.NewWorkspaceAsync();
        await ws.Client.PipelinesAsync(); // defaults exist before the fingerprint
        using var response = await ws.SendUnchangedAsync(HttpMethod.Post, "/api/v1/deals", json);
        await response.ShouldBeValidationAsync(field);
    }

    [Fact]
    public async Task A_ticket_pipeline_is_no_place_for_a_deal()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var tickets = await ws.Client.DefaultPipelineAsync("ticket");
        using var response = await ws.SendUnchangedAsync(HttpMethod.Post, "/api/v1/deals", $$"""{"name":"D","pipelineId":"{{tickets.Id()}}","stage":"new"}""");
        (await response.ShouldBeValidationAsync("pipelineId"))[0].Message.ShouldContain("ticket");
    }

    [Fact]
    public async Task A_stage_of_another_pipeline_is_unknown()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var small = await ws.Client.CreateAsync("pipelines", DealApi.SmallPipeline);
        using var response = await ws.SendUnchangedAsync(HttpMethod.Post, "/api/v1/deals", $$"""{"name":"D","pipelineId":"{{small.Id()}}","stage":"proposal"}""");
        (await response.ShouldBeValidationAsync("stage"))[0].Message.ShouldContain("a, b, won, lost");
    }

    [Theory]
    [InlineData("""{"stage":"nowhere"}""", "stage")]
    [InlineData("""{"amount":-5}""", "amount")]
    [InlineData("""{"currency":"XYZ"}""", "currency")]
    [InlineData("""{"currency":null}""", "currency")]
    [InlineData("""{"stageCategory":"won"}""", "stageCategory")]
    public async Task An_invalid_patch_is_400_and_changes_nothing(string json, string field)
    {
        var ws = await fixture.NewWorkspaceAsync();
        var deal = await ws.Client.CreateDealAsync(new { name = "D", amount = 10, currency = "EUR" });
        using var response = await ws.SendUnchangedAsync(HttpMethod.Patch, $"/api/v1/deals/{deal.Id()}", json, RecordApi.MergePatch);
        await response.ShouldBeValidationAsync(field);
    }

    [Fact]
    public async Task Moving_a_deal_to_a_ticket_pipeline_is_400()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var deal = await ws.Client.CreateDealAsync(new { name = "D" });
        var tickets = await ws.Client.DefaultPipelineAsync("ticket");
        using var response = await ws.SendUnchangedAsync(HttpMethod.Patch, $"/api/v1/deals/{deal.Id()}",
            $$"""{"pipelineId":"{{tickets.Id()}}","stage":"new"}""", RecordApi.MergePatch);
        await response.ShouldBeValidationAsync("pipelineId");
    }

    [Fact]
    public async Task An_external_id_another_deal_holds_is_409()
    {
        var ws = await fixture.NewWorkspaceAsync();
        await ws.Client.CreateDealAsync(new { name = "D", externalIds = new { crm = "1" } });
        using var response = await ws.SendUnchangedAsync(HttpMethod.Post, "/api/v1/deals", """{"name":"E","externalIds":{"crm":"1"}}""");
        await ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.Conflict, "conflict");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DealBadInputSqliteTests(SqliteApiFixture fixture) : DealBadInputTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class DealBadInputPostgresTests(PostgresApiFixture fixture) : DealBadInputTests(fixture);
