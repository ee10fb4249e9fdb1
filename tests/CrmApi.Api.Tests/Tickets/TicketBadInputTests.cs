using System.Net;
using CrmApi.Api.Tests.BadInput;
using CrmApi.Api.Tests.Contacts;
using CrmApi.Api.Tests.Deals;
using CrmApi.Api.Tests.Infrastructure;

namespace CrmApi.Api.Tests.Tickets;

/// <summary>Ticket writes that must be refused, each with nothing written.</summary>
public abstract class TicketBadInputTests(ApiFixture fixture)
{
    private const string Missing = "0198c3f0-0000-7000-8000-000000000000";

    [Theory]
    [InlineData("""{"subject":"T","stage":"nowhere"}""", "stage")]
    [InlineData("""{"subject":"T","pipelineId":"0198c3f0-0000-7000-8000-000000000000"}""", "pipelineId")]
    [InlineData("""{"priority":"high"}""", "subject")]
    [InlineData("""{"subject":"  "}""", "subject")]
    [InlineData("""{"subject":"T","priority":"critical"}""", "priority")]
    [InlineData("""{"subject":"T","channel":"fax"}""", "channel")]
    [InlineData("""{"subject":"T","requesterId":"0198c3f0-0000-7000-8000-000000000000"}""", "requesterId")]
    [InlineData("""{"subject":"T","companyId":"0198c3f0-0000-7000-8000-000000000000"}""", "companyId")]
    [InlineData("""{"subject":"T","state":"solved"}""", "state")]
    [InlineData("""{"subject":"T","firstRespondedAt":"2026-01-01T00:00:00Z"}""", "firstRespondedAt")]
    [InlineData("""{"subject":"T","custom":{"nope":1}}""", "custom.nope")]
    public async Task An_invalid_ticket_is_400_naming_the_field(string json, string field)
    {
        var ws = await fixture.NewWorkspaceAsync();
        await ws.Client.PipelinesAsync(); // defaults exist before the fingerprint
        using var response = await ws.SendUnchangedAsync(HttpMethod.Post, "/api/v1/tickets", json);
        await response.ShouldBeValidationAsync(field);
    }

    [Fact]
    public async Task A_deal_pipeline_is_no_place_for_a_ticket()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var deals = await ws.Client.DefaultPipelineAsync("deal");
        using var response = await ws.SendUnchangedAsync(HttpMethod.Post, "/api/v1/tickets", $$"""{"subject":"T","pipelineId":"{{deals.Id()}}"}""");
        (await response.ShouldBeValidationAsync("pipelineId"))[0].Message.ShouldContain("deal");
    }

    [Theory]
    [InlineData("""{"stage":"won"}""", "stage")]
    [InlineData("""{"priority":"asap"}""", "priority")]
    [InlineData("""{"subject":null}""", "subject")]
    [InlineData("""{"solvedAt":"2026-01-01T00:00:00Z"}""", "solvedAt")]
    public async Task An_invalid_patch_is_400_and_changes_nothing(string json, string field)
    {
        var ws = await fixture.NewWorkspaceAsync();
        var ticket = await ws.Client.CreateAsync("tickets", new { subject = "T" });
        using var response = await ws.SendUnchangedAsync(HttpMethod.Patch, $"/api/v1/tickets/{ticket.Id()}", json, RecordApi.MergePatch);
        await response.ShouldBeValidationAsync(field);
    }

    [Theory]
    [InlineData("""{"body":""}""", "body")]
    [InlineData("""{"public":true}""", "body")]
    [InlineData("""{"body":"x","author":{"type":"robot"}}""", "author.type")]
    [InlineData("""{"body":"x","author":{"type":"contact","id":"not-a-uuid"}}""", "author.id")]
    [InlineData("""{"body":"x","author":{"type":"contact","id":"0198c3f0-0000-7000-8000-000000000000"}}""", "author.id")]
    [InlineData("""{"body":"x","visibility":"all"}""", "visibility")]
    public async Task An_invalid_comment_is_400_and_changes_nothing(string json, string field)
    {
        var ws = await fixture.NewWorkspaceAsync();
        var ticket = await ws.Client.CreateAsync("tickets", new { subject = "T" });
        using var response = await ws.SendUnchangedAsync(HttpMethod.Post, $"/api/v1/tickets/{ticket.Id()}/comments", json);
        await response.ShouldBeValidationAsync(field);
    }

    [Theory]
    [InlineData("""{"score":0}""")]
    [InlineData("""{"score":6}""")]
    [InlineData("""{"score":4.5}""")]
    [InlineData("""{"comment":"no score"}""")]
    public async Task A_score_outside_1_to_5_is_400_and_changes_nothing(string json)
    {
        var ws = await fixture.NewWorkspaceAsync();
        var ticket = await ws.Client.CreateAsync("tickets", new { subject = "T", stage = "solved" });
        using var response = await ws.SendUnchangedAsync(HttpMethod.Post, $"/api/v1/tickets/{ticket.Id()}/satisfaction", json);
        await response.ShouldBeValidationAsync("score");
    }

    [Fact]
    public async Task Comments_and_ratings_of_a_missing_ticket_are_404()
    {
        var ws = await fixture.NewWorkspaceAsync();
        using (var comment = await ws.SendUnchangedAsync(HttpMethod.Post, $"/api/v1/tickets/{Missing}/comments", """{"body":"x"}"""))
            await ProblemAssertions.ShouldBeProblemAsync(comment, HttpStatusCode.NotFound, "not-found");
        using (var rating = await ws.SendUnchangedAsync(HttpMethod.Post, $"/api/v1/tickets/{Missing}/satisfaction", """{"score":3}"""))
            await ProblemAssertions.ShouldBeProblemAsync(rating, HttpStatusCode.NotFound, "not-found");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TicketBadInputSqliteTests(SqliteApiFixture fixture) : TicketBadInputTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class TicketBadInputPostgresTests(PostgresApiFixture fixture) : TicketBadInputTests(fixture);
