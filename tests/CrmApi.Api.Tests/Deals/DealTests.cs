using System.Net;
using System.Text.Json;
using CrmApi.Api.Tests.Contacts;
using CrmApi.Api.Tests.Infrastructure;

namespace CrmApi.Api.Tests.Deals;

public abstract class DealTests(ApiFixture fixture)
{
    private static string Type(JsonElement e) => e.GetProperty("type").GetString()!;

    [Fact]
    public async Task A_deal_without_pipeline_or_stage_goes_to_the_default_pipelines_first_stage()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var contact = await ws.Client.CreateContactAsync("""{"lastName":"Lovelace"}""");
        var company = await ws.Client.CreateCompanyAsync("""{"name":"Engines"}""");
        var response = await ws.Client.PostAsync("/api/v1/deals", RecordApi.Json($$$"""
            {"name":" Engines renewal ","amount":12500.5,"currency":"eur","ownerId":"u-1","expectedCloseDate":"2026-03-31","source":"referral",
             "contacts":[{"contactId":"{{{contact.Id()}}}","role":"champion"}],"companyIds":["{{{company.Id()}}}"],"externalIds":{"hubspot":"991"}}
            """));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        response.ETag().ShouldBe("\"1\"");
        var deal = await response.BodyAsync();
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/deals/{deal.Id()}");
        var pipeline = await ws.Client.DefaultPipelineAsync();
        deal.GetProperty("name").GetString().ShouldBe("Engines renewal");
        deal.GetProperty("amount").GetDecimal().ShouldBe(12500.5m);
        deal.GetProperty("currency").GetString().ShouldBe("EUR");
        deal.GetProperty("pipelineId").GetString().ShouldBe(pipeline.Id());
        deal.GetProperty("stage").GetString().ShouldBe("appointment_scheduled");
        deal.GetProperty("stageCategory").GetString().ShouldBe("open");
        deal.GetProperty("expectedCloseDate").GetString().ShouldBe("2026-03-31");
        deal.GetProperty("closedAt").ValueKind.ShouldBe(JsonValueKind.Null);
        deal.GetProperty("contacts")[0].GetProperty("role").GetString().ShouldBe("champion");
        deal.GetProperty("companyIds")[0].GetString().ShouldBe(company.Id());

        (await ws.Client.GetJsonAsync($"/api/v1/deals/{deal.Id()}")).GetRawText().ShouldBe(deal.GetRawText());
        (await ws.Client.GetJsonAsync("/api/v1/deals/by-external-id/hubspot/991")).Id().ShouldBe(deal.Id());
        var history = (await ws.Client.GetJsonAsync($"/api/v1/deals/{deal.Id()}/stage-history")).GetProperty("data");
        history.GetArrayLength().ShouldBe(1);
        history[0].GetProperty("leftAt").ValueKind.ShouldBe(JsonValueKind.Null);
        history[0].GetProperty("movedBy").GetProperty("type").GetString().ShouldBe("apiKey");
        (await ws.Client.EventsOfAsync(deal.Id())).Select(Type).ShouldBe(["deal.created"]);
    }

    [Fact]
    public async Task Moving_a_deal_records_its_stays_stage_events_and_closedAt()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var deal = await ws.Client.CreateDealAsync(new { name = "Big one", amount = 1000, currency = "USD", stage = "qualified" });
        var id = deal.Id();

        var proposal = await ws.Client.PatchDealAsync(id, """{"stage":"proposal"}""");
        proposal.Version().ShouldBe(2);
        proposal.GetProperty("closedAt").ValueKind.ShouldBe(JsonValueKind.Null);
        var won = await ws.Client.PatchDealAsync(id, """{"stage":"won"}""");
        won.GetProperty("stageCategory").GetString().ShouldBe("won");
        var closedAt = won.GetProperty("closedAt").GetDateTimeOffset();
        closedAt.ShouldBe(won.GetProperty("stageEnteredAt").GetDateTimeOffset());
        var reopened = await ws.Client.PatchDealAsync(id, """{"stage":"negotiation"}""");
        reopened.GetProperty("closedAt").ValueKind.ShouldBe(JsonValueKind.Null);
        var lost = await ws.Client.PatchDealAsync(id, """{"stage":"lost","lostReason":"Budget"}""");
        lost.GetProperty("closedAt").ValueKind.ShouldBe(JsonValueKind.String);
        lost.GetProperty("lostReason").GetString().ShouldBe("Budget");
        // A change that does not move the deal records no stage change.
        (await ws.Client.PatchDealAsync(id, """{"amount":1200}""")).GetProperty("stage").GetString().ShouldBe("lost");

        var events = await ws.Client.EventsOfAsync(id);
        events.Select(Type).ShouldBe([
            "deal.created",
            "deal.updated", "deal.stage_changed",
            "deal.updated", "deal.stage_changed", "deal.won",
            "deal.updated", "deal.stage_changed",
            "deal.updated", "deal.stage_changed", "deal.lost",
            "deal.updated",
        ]);
        var first = events[2].GetProperty("data");
        first.GetProperty("from").GetProperty("stage").GetString().ShouldBe("qualified");
        first.GetProperty("to").GetProperty("stage").GetString().ShouldBe("proposal");
        first.GetProperty("to").GetProperty("category").GetString().ShouldBe("open");
        first.GetProperty("secondsInFrom").GetInt64().ShouldBeGreaterThanOrEqualTo(0);
        first.GetProperty("deal").GetProperty("stage").GetString().ShouldBe("proposal");
        events[5].GetProperty("data").GetProperty("closedAt").GetDateTimeOffset().ShouldBe(closedAt);
        events[1].GetProperty("changes").GetProperty("stage").GetProperty("before").GetString().ShouldBe("qualified");

        var stays = (await ws.Client.GetJsonAsync($"/api/v1/deals/{id}/stage-history")).GetProperty("data").EnumerateArray().ToList();
        stays.Select(s => s.GetProperty("stage").GetString()).ShouldBe(["qualified", "proposal", "won", "negotiation", "lost"]);
        for (var i = 0; i < stays.Count - 1; i++)
        {
            var left = stays[i].GetProperty("leftAt").GetDateTimeOffset();
            left.ShouldBe(stays[i + 1].GetProperty("enteredAt").GetDateTimeOffset());
            stays[i].GetProperty("durationSeconds").GetInt64().ShouldBe((long)(left - stays[i].GetProperty("enteredAt").GetDateTimeOffset()).TotalSeconds);
        }
        stays[^1].GetProperty("leftAt").ValueKind.ShouldBe(JsonValueKind.Null);

        var stageHistory = (await ws.Client.GetJsonAsync($"/api/v1/deals/{id}/history?field=stage")).GetProperty("data");
        stageHistory.EnumerateArray().Select(c => c.GetProperty("after").GetString()).ShouldBe(["lost", "negotiation", "won", "proposal", "qualified"]);
    }

    [Fact]
    public async Task A_deal_created_in_a_won_stage_is_won_at_once()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var deal = await ws.Client.CreateDealAsync(new { name = "Imported", stage = "won" });
        deal.GetProperty("closedAt").GetDateTimeOffset().ShouldBe(deal.GetProperty("createdAt").GetDateTimeOffset());
        (await ws.Client.EventsOfAsync(deal.Id())).Select(Type).ShouldBe(["deal.created", "deal.won"]);
    }

    [Fact]
    public async Task A_deal_moves_to_another_pipeline_and_its_first_stage_when_the_stage_is_removed_from_the_patch()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var other = await ws.Client.CreateAsync("pipelines", DealApi.SmallPipeline);
        var deal = await ws.Client.CreateDealAsync(new { name = "Mover", stage = "proposal" });
        var moved = await ws.Client.PatchDealAsync(deal.Id(), $$"""{"pipelineId":"{{other.Id()}}","stage":null}""");
        moved.GetProperty("pipelineId").GetString().ShouldBe(other.Id());
        moved.GetProperty("stage").GetString().ShouldBe("a");
        var change = (await ws.Client.EventsOfAsync(deal.Id(), "deal.stage_changed")).Single().GetProperty("data");
        change.GetProperty("from").GetProperty("pipelineId").GetString().ShouldBe(deal.GetProperty("pipelineId").GetString());
        change.GetProperty("to").GetProperty("pipelineId").GetString().ShouldBe(other.Id());
    }

    [Fact]
    public async Task Deals_are_deleted_restored_and_guarded_by_their_etag()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var deal = await ws.Client.CreateDealAsync(new { name = "Guarded" });
        var stale = await ws.Client.PatchAsync($"/api/v1/deals/{deal.Id()}", """{"name":"X"}""", ifMatch: "\"7\"");
        stale.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await ws.Client.DeleteAsync($"/api/v1/deals/{deal.Id()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await ws.Client.GetAsync($"/api/v1/deals/{deal.Id()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ws.Client.GetAsync($"/api/v1/deals/{deal.Id()}/stage-history")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ws.Client.GetPageAsync("deals")).Items.Count.ShouldBe(0);
        var restored = await ws.Client.PostAsync($"/api/v1/deals/{deal.Id()}/restore", null);
        restored.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await restored.BodyAsync()).Version().ShouldBe(3);
        (await ws.Client.EventsOfAsync(deal.Id())).Select(Type).ShouldBe(["deal.created", "deal.deleted", "deal.restored"]);
    }

    [Fact]
    public async Task A_retried_create_with_an_idempotency_key_makes_one_deal()
    {
        var ws = await fixture.NewWorkspaceAsync();
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/deals") { Content = RecordApi.Json("""{"name":"Once","stage":"won"}""") };
            request.Headers.Add("Idempotency-Key", "deal-once-1");
            var response = await ws.Client.SendAsync(request);
            response.StatusCode.ShouldBe(HttpStatusCode.Created);
        }
        var deals = await ws.Client.GetPageAsync("deals");
        deals.Items.Count.ShouldBe(1);
        (await ws.Client.EventsOfAsync(deals.Ids[0])).Select(Type).ShouldBe(["deal.created", "deal.won"]);
    }

    [Fact]
    public async Task Lists_filter_on_stage_category_pipeline_company_and_dates()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var software = await ws.Client.CreateCompanyAsync("""{"name":"Soft","industry":"Software"}""");
        var retail = await ws.Client.CreateCompanyAsync("""{"name":"Shop","industry":"Retail"}""");
        var small = await ws.Client.CreateAsync("pipelines", DealApi.SmallPipeline);
        var a = await ws.Client.CreateDealAsync(new { name = "A", amount = 10, currency = "EUR", stage = "won", companyIds = new[] { software.Id() }, expectedCloseDate = "2026-01-15" });
        var b = await ws.Client.CreateDealAsync(new { name = "B", amount = 30, currency = "EUR", companyIds = new[] { retail.Id() }, expectedCloseDate = "2026-02-15" });
        var c = await ws.Client.CreateDealAsync(new { name = "C", amount = 20, currency = "EUR", pipelineId = small.Id(), stage = "won", companyIds = new[] { software.Id(), retail.Id() } });

        (await ws.Client.IdsAsync("deals", """{"stage.category":{"eq":"won"}}""", "name")).ShouldBe([a.Id(), c.Id()]);
        (await ws.Client.IdsAsync("deals", $$$"""{"pipeline.id":{"eq":"{{{small.Id()}}}"}}""")).ShouldBe([c.Id()]);
        (await ws.Client.IdsAsync("deals", """{"company.industry":{"eq":"Software"}}""", "name")).ShouldBe([a.Id(), c.Id()]);
        (await ws.Client.IdsAsync("deals", """{"company.industry":{"neq":"Software"}}""")).ShouldBe([b.Id()]);
        (await ws.Client.IdsAsync("deals", """{"expectedCloseDate":{"gte":"2026-02-01"}}""")).ShouldBe([b.Id()]);
        (await ws.Client.IdsAsync("deals", """{"closedAt":{"isNull":true}}""")).ShouldBe([b.Id()]);
        (await ws.Client.IdsAsync("deals", null, "-amount")).ShouldBe([b.Id(), c.Id(), a.Id()]);
        (await ws.Client.IdsAsync("deals", null, "expectedCloseDate")).ShouldBe([a.Id(), b.Id(), c.Id()]);

        var meta = await ws.Client.GetJsonAsync("/api/v1/meta/objects/deal");
        var fields = meta.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("type").GetString());
        fields["stage.category"].ShouldBe("enum");
        fields["expectedCloseDate"].ShouldBe("date");
        fields["company.industry"].ShouldBe("string");
    }

    [Fact]
    public async Task Deals_carry_custom_fields_and_filter_on_them()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var field = await ws.Client.PostAsync("/api/v1/meta/objects/deal/fields", RecordApi.Json("""{"key":"tier","label":"Tier","type":"select","options":["gold","silver"]}"""));
        field.StatusCode.ShouldBe(HttpStatusCode.Created, await field.Content.ReadAsStringAsync());
        var gold = await ws.Client.CreateDealAsync(new { name = "G", custom = new { tier = "gold" } });
        await ws.Client.CreateDealAsync(new { name = "S", custom = new { tier = "silver" } });
        gold.GetProperty("custom").GetProperty("tier").GetString().ShouldBe("gold");
        (await ws.Client.IdsAsync("deals", """{"custom.tier":{"eq":"gold"}}""")).ShouldBe([gold.Id()]);
    }

    [Fact]
    public async Task A_deals_timeline_holds_its_activities_and_events()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var deal = await ws.Client.CreateDealAsync(new { name = "Timeline" });
        await ws.Client.PatchDealAsync(deal.Id(), """{"stage":"qualified"}""");
        var activity = await ws.Client.CreateAsync("activities", $$"""{"type":"note","body":"Call went well","dealIds":["{{deal.Id()}}"],"occurredAt":"2000-01-01T00:00:00Z"}""");
        activity.GetProperty("dealIds")[0].GetString().ShouldBe(deal.Id());

        var items = (await ws.Client.GetJsonAsync($"/api/v1/deals/{deal.Id()}/timeline")).GetProperty("data").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("kind").GetString() == "activity" ? "activity" : i.GetProperty("event").GetProperty("type").GetString())
            .ShouldBe(["deal.stage_changed", "deal.updated", "deal.created", "activity"]);
        (await ws.Client.IdsAsync("activities", $$$"""{"deal.id":{"eq":"{{{deal.Id()}}}"}}""")).ShouldBe([activity.Id()]);
    }

    [Fact]
    public async Task Links_to_deleted_contacts_are_hidden()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var contact = await ws.Client.CreateContactAsync("""{"lastName":"Gone"}""");
        var deal = await ws.Client.CreateDealAsync(new { name = "Linked", contacts = new[] { new { contactId = contact.Id(), role = "buyer" } } });
        deal.GetProperty("contacts").GetArrayLength().ShouldBe(1);
        (await ws.Client.DeleteAsync($"/api/v1/contacts/{contact.Id()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await ws.Client.GetJsonAsync($"/api/v1/deals/{deal.Id()}")).GetProperty("contacts").GetArrayLength().ShouldBe(0);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DealSqliteTests(SqliteApiFixture fixture) : DealTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class DealPostgresTests(PostgresApiFixture fixture) : DealTests(fixture);
