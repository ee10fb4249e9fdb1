using System.Net;
using System.Text.Json;
using CrmApi.Api.Tests.BadInput;
using CrmApi.Api.Tests.Contacts;
using CrmApi.Api.Tests.Deals;
using CrmApi.Api.Tests.Infrastructure;

namespace CrmApi.Api.Tests.Tickets;

public abstract class TicketTests(ApiFixture fixture)
{
    [Fact]
    public async Task A_ticket_without_pipeline_or_stage_is_new_in_the_default_ticket_pipeline()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var contact = await ws.Client.CreateContactAsync("""{"lastName":"Hopper"}""");
        var company = await ws.Client.CreateCompanyAsync("""{"name":"Compilers"}""");
        var response = await ws.Client.PostAsync("/api/v1/tickets", RecordApi.Json($$$"""
            {"subject":" Printer on fire ","description":"Smoke everywhere","channel":"email","requesterId":"{{{contact.Id()}}}",
             "companyId":"{{{company.Id()}}}","tags":["Hardware"],"externalIds":{"zendesk":"77"}}
            """));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        response.ETag().ShouldBe("\"1\"");
        var ticket = await response.BodyAsync();
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/tickets/{ticket.Id()}");
        var pipeline = await ws.Client.DefaultPipelineAsync("ticket");
        ticket.Str("subject").ShouldBe("Printer on fire");
        ticket.Str("pipelineId").ShouldBe(pipeline.Id());
        ticket.Str("stage").ShouldBe("new");
        ticket.Str("state").ShouldBe("new");
        ticket.Str("priority").ShouldBe("normal");
        ticket.Str("channel").ShouldBe("email");
        ticket.Str("requesterId").ShouldBe(contact.Id());
        ticket.GetProperty("tags")[0].GetString().ShouldBe("hardware");
        ticket.GetProperty("firstRespondedAt").ValueKind.ShouldBe(JsonValueKind.Null);
        ticket.GetProperty("sla").ValueKind.ShouldBe(JsonValueKind.Null);
        ticket.GetProperty("satisfaction").ValueKind.ShouldBe(JsonValueKind.Null);

        (await ws.Client.TicketAsync(ticket.Id())).GetRawText().ShouldBe(ticket.GetRawText());
        (await ws.Client.GetJsonAsync("/api/v1/tickets/by-external-id/zendesk/77")).Id().ShouldBe(ticket.Id());
        (await ws.Client.EventTypesOfAsync(ticket.Id())).ShouldBe(["ticket.created"]);
    }

    [Fact]
    public async Task Moving_a_ticket_records_status_changes_solves_and_reopens()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var id = (await ws.Client.CreateTicketAsync(new { subject = "Cannot log in" })).Id();

        (await ws.Client.PatchTicketAsync(id, """{"stage":"open"}""")).Str("state").ShouldBe("open");
        (await ws.Client.PatchTicketAsync(id, """{"stage":"pending"}""")).Str("state").ShouldBe("pending");
        var solved = await ws.Client.PatchTicketAsync(id, """{"stage":"solved"}""");
        solved.GetProperty("solvedAt").GetDateTimeOffset().ShouldBe(solved.GetProperty("stageEnteredAt").GetDateTimeOffset());
        // Closing a solved ticket keeps when it was solved and is no second solve.
        var closed = await ws.Client.PatchTicketAsync(id, """{"stage":"closed"}""");
        closed.GetProperty("solvedAt").GetDateTimeOffset().ShouldBe(solved.GetProperty("solvedAt").GetDateTimeOffset());
        var reopened = await ws.Client.PatchTicketAsync(id, """{"stage":"open"}""");
        reopened.GetProperty("solvedAt").ValueKind.ShouldBe(JsonValueKind.Null);
        // A change that does not move the ticket records no status change.
        (await ws.Client.PatchTicketAsync(id, """{"priority":"high"}""")).Str("priority").ShouldBe("high");

        (await ws.Client.EventTypesOfAsync(id)).ShouldBe([
            "ticket.created",
            "ticket.updated", "ticket.status_changed",
            "ticket.updated", "ticket.status_changed",
            "ticket.updated", "ticket.status_changed", "ticket.solved",
            "ticket.updated", "ticket.status_changed",
            "ticket.updated", "ticket.status_changed", "ticket.reopened",
            "ticket.updated",
        ]);
        var events = await ws.Client.EventsOfAsync(id, "ticket.status_changed");
        var toSolved = events[2].GetProperty("data");
        toSolved.GetProperty("from").GetProperty("state").GetString().ShouldBe("pending");
        toSolved.GetProperty("to").GetProperty("state").GetString().ShouldBe("solved");
        toSolved.GetProperty("ticket").Str("stage").ShouldBe("solved");
        toSolved.GetProperty("secondsInFrom").GetInt64().ShouldBeGreaterThanOrEqualTo(0);
    }

    [Fact]
    public async Task Assigning_a_ticket_is_an_event_unassigning_is_not()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var id = (await ws.Client.CreateTicketAsync(new { subject = "Refund", assigneeId = "agent-1" })).Id();
        await ws.Client.PatchTicketAsync(id, """{"assigneeId":"agent-2"}""");
        await ws.Client.PatchTicketAsync(id, """{"assigneeId":"agent-2","subject":"Refund please"}""");
        await ws.Client.PatchTicketAsync(id, """{"assigneeId":null}""");

        var assigned = await ws.Client.EventsOfAsync(id, "ticket.assigned");
        assigned.Count.ShouldBe(2);
        assigned[0].GetProperty("data").GetProperty("from").ValueKind.ShouldBe(JsonValueKind.Null);
        assigned[0].GetProperty("data").GetProperty("to").GetString().ShouldBe("agent-1");
        assigned[1].GetProperty("data").GetProperty("from").GetString().ShouldBe("agent-1");
        assigned[1].GetProperty("data").GetProperty("to").GetString().ShouldBe("agent-2");
    }

    [Fact]
    public async Task The_first_public_agent_comment_is_the_first_response()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var requester = await ws.Client.CreateContactAsync("""{"lastName":"Requester"}""");
        var id = (await ws.Client.CreateTicketAsync(new { subject = "Where is my order?", requesterId = requester.Id() })).Id();

        var note = await ws.Client.CommentAsync(id, """{"body":"Checking the warehouse","public":false}""");
        note.GetProperty("public").GetBoolean().ShouldBeFalse();
        note.GetProperty("author").Str("type").ShouldBe("agent");
        note.GetProperty("author").Str("id").ShouldNotBeNull(); // the API key that wrote it
        await ws.Client.CommentAsync(id, $$$"""{"body":"Any news?","author":{"type":"contact","id":"{{{requester.Id()}}}"}}""");
        (await ws.Client.TicketAsync(id)).GetProperty("firstRespondedAt").ValueKind.ShouldBe(JsonValueKind.Null);

        var reply = await ws.Client.CommentAsync(id, """{"body":"It ships today","author":{"type":"agent","id":"agent-7","name":"Grace"}}""");
        var ticket = await ws.Client.TicketAsync(id);
        ticket.GetProperty("firstRespondedAt").GetDateTimeOffset().ShouldBe(reply.GetProperty("createdAt").GetDateTimeOffset());
        ticket.Version().ShouldBe(4);
        await ws.Client.CommentAsync(id, """{"body":"Tracking number follows"}""");
        (await ws.Client.TicketAsync(id)).GetProperty("firstRespondedAt").GetDateTimeOffset()
            .ShouldBe(reply.GetProperty("createdAt").GetDateTimeOffset());

        var page1 = await ws.Client.GetJsonAsync($"/api/v1/tickets/{id}/comments?limit=3");
        page1.GetProperty("data").EnumerateArray().Select(c => c.Str("body")).ShouldBe(["Checking the warehouse", "Any news?", "It ships today"]);
        var cursor = page1.GetProperty("nextCursor").GetString();
        var page2 = await ws.Client.GetJsonAsync($"/api/v1/tickets/{id}/comments?limit=3&cursor={cursor}");
        page2.GetProperty("data").EnumerateArray().Select(c => c.Str("body")).ShouldBe(["Tracking number follows"]);
        page2.GetProperty("nextCursor").ValueKind.ShouldBe(JsonValueKind.Null);

        var added = await ws.Client.EventsOfAsync(id, "ticket.comment_added");
        added.Count.ShouldBe(4);
        added[2].GetProperty("data").GetProperty("comment").GetProperty("author").Str("name").ShouldBe("Grace");
        added[2].GetProperty("data").GetProperty("ticket").GetProperty("firstRespondedAt").ValueKind.ShouldBe(JsonValueKind.String);
        // Ticket events relate to the requester, so they show on the contact's timeline.
        var timeline = await ws.Client.GetJsonAsync($"/api/v1/contacts/{requester.Id()}/timeline?limit=200");
        timeline.GetProperty("data").EnumerateArray().Count(i => i.GetProperty("event").Str("type") == "ticket.comment_added").ShouldBe(4);
        var own = await ws.Client.GetJsonAsync($"/api/v1/tickets/{id}/timeline?limit=200");
        own.GetProperty("data").GetArrayLength().ShouldBe(5);
    }

    [Fact]
    public async Task A_solved_ticket_takes_one_satisfaction_rating()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var id = (await ws.Client.CreateTicketAsync(new { subject = "Slow site" })).Id();
        using (var early = await ws.SendUnchangedAsync(HttpMethod.Post, $"/api/v1/tickets/{id}/satisfaction", """{"score":5}"""))
            (await ProblemAssertions.ShouldBeProblemAsync(early, HttpStatusCode.Conflict, "conflict")).GetProperty("detail").GetString()!.ShouldContain("solved");

        await ws.Client.PatchTicketAsync(id, """{"stage":"solved"}""");
        var rating = await ws.Client.PostJsonAsync($"/api/v1/tickets/{id}/satisfaction", """{"score":4,"comment":"Quick, thanks"}""");
        rating.GetProperty("score").GetInt32().ShouldBe(4);
        var ticket = await ws.Client.TicketAsync(id);
        ticket.GetProperty("satisfaction").GetProperty("comment").GetString().ShouldBe("Quick, thanks");
        var events = await ws.Client.EventsOfAsync(id, "ticket.satisfaction_received");
        events.Single().GetProperty("data").GetProperty("score").GetInt32().ShouldBe(4);

        using var again = await ws.SendUnchangedAsync(HttpMethod.Post, $"/api/v1/tickets/{id}/satisfaction", """{"score":1}""");
        (await ProblemAssertions.ShouldBeProblemAsync(again, HttpStatusCode.Conflict, "conflict")).GetProperty("detail").GetString()!.ShouldContain("already");
    }

    [Fact]
    public async Task Lists_filter_through_the_requester_and_company_and_sort_by_priority()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var ada = await ws.Client.CreateContactAsync("""{"lastName":"Lovelace"}""");
        var bank = await ws.Client.CreateCompanyAsync("""{"name":"Bank","industry":"finance"}""");
        var a = (await ws.Client.CreateTicketAsync(new { subject = "A", priority = "urgent", requesterId = ada.Id(), companyId = bank.Id() })).Id();
        var b = (await ws.Client.CreateTicketAsync(new { subject = "B", priority = "low", requesterId = ada.Id() })).Id();
        var c = (await ws.Client.CreateTicketAsync(new { subject = "C", priority = "high", companyId = bank.Id(), stage = "pending" })).Id();
        var d = (await ws.Client.CreateTicketAsync(new { subject = "D" })).Id();

        (await ws.Client.IdsAsync("tickets", """{"requester.lastName":{"eq":"Lovelace"}}""", "priority")).ShouldBe([b, a]);
        (await ws.Client.IdsAsync("tickets", """{"company.industry":{"eq":"finance"}}""", "-priority")).ShouldBe([a, c]);
        (await ws.Client.IdsAsync("tickets", """{"company.industry":{"neq":"finance"}}""", "subject")).ShouldBe([b, d]);
        (await ws.Client.IdsAsync("tickets", """{"stage.state":{"eq":"pending"}}""")).ShouldBe([c]);
        (await ws.Client.IdsAsync("tickets", """{"priority":{"in":["urgent","high"]}}""", "subject")).ShouldBe([a, c]);
        (await ws.Client.IdsAsync("tickets", null, "priority")).ShouldBe([b, d, c, a]);
        // Page by page, the cursor carries the priority.
        (await ws.Client.ListAllAsync("tickets", sort: "-priority", limit: 1)).Select(t => t.Id()).ShouldBe([a, c, d, b]);
    }

    [Fact]
    public async Task Removing_a_ticket_stage_moves_its_tickets_with_a_status_change_each()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var pipeline = await ws.Client.DefaultPipelineAsync("ticket");
        var id = (await ws.Client.CreateTicketAsync(new { subject = "Waiting", stage = "pending" })).Id();
        using (var refused = await ws.SendUnchangedAsync(HttpMethod.Delete, $"/api/v1/pipelines/{pipeline.Id()}/stages/pending"))
            await ProblemAssertions.ShouldBeProblemAsync(refused, HttpStatusCode.Conflict, "conflict");

        var removed = await ws.Client.DeleteAsync($"/api/v1/pipelines/{pipeline.Id()}/stages/pending?moveTo=open");
        removed.StatusCode.ShouldBe(HttpStatusCode.NoContent, await removed.Content.ReadAsStringAsync());
        var ticket = await ws.Client.TicketAsync(id);
        ticket.Str("stage").ShouldBe("open");
        ticket.Str("state").ShouldBe("open");
        (await ws.Client.EventTypesOfAsync(id)).ShouldBe(["ticket.created", "ticket.updated", "ticket.status_changed"]);
    }

    [Fact]
    public async Task A_deleted_ticket_can_be_restored()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var id = (await ws.Client.CreateTicketAsync(new { subject = "Gone" })).Id();
        (await ws.Client.DeleteAsync($"/api/v1/tickets/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await ws.Client.GetAsync($"/api/v1/tickets/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ws.Client.PostAsync($"/api/v1/tickets/{id}/restore", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ws.Client.EventTypesOfAsync(id)).ShouldBe(["ticket.created", "ticket.deleted", "ticket.restored"]);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TicketSqliteTests(SqliteApiFixture fixture) : TicketTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class TicketPostgresTests(PostgresApiFixture fixture) : TicketTests(fixture);
