using System.Net;
using System.Text.Json;
using CrmApi.Api.Tests.Contacts;
using CrmApi.Api.Tests.Deals;
using CrmApi.Api.Tests.Infrastructure;
using CrmApi.Domain.Tickets;

namespace CrmApi.Api.Tests.Tickets;

/// <summary>SLA policies applied to tickets: matching, due instants, pauses, first response, deleted policies.</summary>
public abstract class TicketSlaTests(ApiFixture fixture)
{
    /// <summary>A policy open round the clock in UTC; <paramref name="minutes"/> gives first-response and resolution targets for every priority.</summary>
    public static string AlwaysOpen(string name, (int FirstResponse, int Resolution) minutes, string? conditions = null, int? position = null,
        (int FirstResponse, int Resolution)? urgent = null)
    {
        var day = """[{"start":"00:00","end":"24:00"}]""";
        string Targets((int F, int R) m) => $$"""{"firstResponseMinutes":{{m.F}},"resolutionMinutes":{{m.R}}}""";
        var u = urgent ?? minutes;
        var at = position is { } p ? $",\"position\":{p}" : "";
        return $$$"""
            {"name":"{{{name}}}"{{{at}}},"conditions":{{{conditions ?? "null"}}},
             "calendar":{"timeZone":"UTC","weeklyHours":{"monday":{{{day}}},"tuesday":{{{day}}},"wednesday":{{{day}}},"thursday":{{{day}}},"friday":{{{day}}},"saturday":{{{day}}},"sunday":{{{day}}}}},
             "targets":{"low":{{{Targets(minutes)}}},"normal":{{{Targets(minutes)}}},"high":{{{Targets(minutes)}}},"urgent":{{{Targets(u)}}}}}
            """;
    }

    private static JsonElement Sla(JsonElement ticket) => ticket.GetProperty("sla");

    [Fact]
    public async Task The_first_matching_policy_governs_a_ticket_and_sets_its_due_instants()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var urgentOnly = await ws.Client.CreateAsync("sla-policies", AlwaysOpen("Urgent", (30, 120), """{"priority":{"eq":"urgent"}}"""));
        var everyone = await ws.Client.CreateAsync("sla-policies", AlwaysOpen("Everyone", (60, 480)));

        var urgent = await ws.Client.CreateAsync("tickets", new { subject = "Down", priority = "urgent" });
        Sla(urgent).Str("policyId").ShouldBe(urgentOnly.Id());
        var created = urgent.GetProperty("createdAt").GetDateTimeOffset();
        var first = Sla(urgent).GetProperty("firstResponse");
        first.GetProperty("targetMinutes").GetInt32().ShouldBe(30);
        first.GetProperty("dueAt").GetDateTimeOffset().ShouldBe(created.AddMinutes(30));
        first.GetProperty("remainingMinutes").GetDouble().ShouldBeInRange(25, 30);
        first.GetProperty("breached").GetBoolean().ShouldBeFalse();
        Sla(urgent).GetProperty("resolution").GetProperty("dueAt").GetDateTimeOffset().ShouldBe(created.AddMinutes(120));
        Sla(urgent).GetProperty("paused").GetBoolean().ShouldBeFalse();

        var normal = await ws.Client.CreateAsync("tickets", new { subject = "Question" });
        Sla(normal).Str("policyId").ShouldBe(everyone.Id());
        // A priority change picks the policy again, and the clock keeps counting from creation.
        var upgraded = await ws.Client.PatchTicketAsync(normal.Id(), """{"priority":"urgent"}""");
        Sla(upgraded).Str("policyId").ShouldBe(urgentOnly.Id());
        Sla(upgraded).Str("priority").ShouldBe("urgent");
        Sla(upgraded).GetProperty("firstResponse").GetProperty("dueAt").GetDateTimeOffset()
            .ShouldBe(normal.GetProperty("createdAt").GetDateTimeOffset().AddMinutes(30));

        // Due instants are filterable: the urgent ones are due within the hour, the other was not.
        var soon = DateTimeOffset.UtcNow.AddMinutes(45).ToString("O");
        (await ws.Client.IdsAsync("tickets", $$$"""{"sla.firstResponseDueAt":{"lt":"{{{soon}}}"}}""", "createdAt"))
            .ShouldBe([urgent.Id(), normal.Id()]);
    }

    [Fact]
    public async Task Conditions_reach_the_company_and_are_tested_on_creation_and_priority_changes_only()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var finance = await ws.Client.CreateAsync("sla-policies", AlwaysOpen("Finance", (15, 60), """{"company.industry":{"eq":"finance"}}"""));
        var everyone = await ws.Client.CreateAsync("sla-policies", AlwaysOpen("Everyone", (60, 480)));
        var bank = await ws.Client.CreateCompanyAsync("""{"name":"Bank","industry":"finance"}""");

        (await ws.Client.CreateAsync("tickets", new { subject = "A", companyId = bank.Id() })).GetProperty("sla").Str("policyId").ShouldBe(finance.Id());
        var other = await ws.Client.CreateAsync("tickets", new { subject = "B" });
        Sla(other).Str("policyId").ShouldBe(everyone.Id());
        var linked = await ws.Client.PatchTicketAsync(other.Id(), $$"""{"companyId":"{{bank.Id()}}"}""");
        Sla(linked).Str("policyId").ShouldBe(everyone.Id());
        var reprioritised = await ws.Client.PatchTicketAsync(other.Id(), """{"priority":"high"}""");
        Sla(reprioritised).Str("policyId").ShouldBe(finance.Id());
    }

    [Fact]
    public async Task Conditions_and_lists_reach_custom_fields_of_the_company_and_the_ticket()
    {
        var ws = await fixture.NewWorkspaceAsync();
        await ws.Client.PostJsonAsync("/api/v1/meta/objects/company/fields", """{"key":"tier","label":"Tier","type":"select","options":["gold","silver"]}""");
        await ws.Client.PostJsonAsync("/api/v1/meta/objects/ticket/fields", """{"key":"product","label":"Product","type":"text"}""");
        var gold = await ws.Client.CreateAsync("sla-policies",
            AlwaysOpen("Gold urgent", (15, 60), """{"priority":{"eq":"urgent"},"company.custom.tier":{"eq":"gold"}}"""));
        var engines = await ws.Client.CreateAsync("sla-policies", AlwaysOpen("Engines", (30, 120), """{"custom.product":{"eq":"engine"}}"""));
        var acme = await ws.Client.CreateCompanyAsync("""{"name":"Acme","custom":{"tier":"gold"}}""");
        var brix = await ws.Client.CreateCompanyAsync("""{"name":"Brix","custom":{"tier":"silver"}}""");

        var a = await ws.Client.CreateAsync("tickets", new { subject = "A", priority = "urgent", companyId = acme.Id() });
        Sla(a).Str("policyId").ShouldBe(gold.Id());
        var b = await ws.Client.CreateAsync("tickets", new { subject = "B", priority = "urgent", companyId = brix.Id(), custom = new { product = "engine" } });
        Sla(b).Str("policyId").ShouldBe(engines.Id());
        b.GetProperty("custom").Str("product").ShouldBe("engine");
        var c = await ws.Client.CreateAsync("tickets", new { subject = "C", priority = "low", companyId = acme.Id() });
        Sla(c).ValueKind.ShouldBe(JsonValueKind.Null);

        (await ws.Client.IdsAsync("tickets", """{"company.custom.tier":{"eq":"gold"}}""", "subject")).ShouldBe([a.Id(), c.Id()]);
        (await ws.Client.IdsAsync("tickets", """{"custom.product":{"eq":"engine"}}""")).ShouldBe([b.Id()]);
    }

    [Fact]
    public async Task A_pending_ticket_is_paused_without_a_due_instant()
    {
        var ws = await fixture.NewWorkspaceAsync();
        await ws.Client.CreateAsync("sla-policies", AlwaysOpen("Everyone", (60, 480)));
        var ticket = await ws.Client.CreateAsync("tickets", new { subject = "Waiting" });
        var due = Sla(ticket).GetProperty("resolution").GetProperty("dueAt").GetDateTimeOffset();

        var pending = await ws.Client.PatchTicketAsync(ticket.Id(), """{"stage":"pending"}""");
        Sla(pending).GetProperty("paused").GetBoolean().ShouldBeTrue();
        Sla(pending).GetProperty("resolution").GetProperty("dueAt").ValueKind.ShouldBe(JsonValueKind.Null);
        (await ws.Client.IdsAsync("tickets", """{"sla.resolutionDueAt":{"isNull":true}}""")).ShouldBe([ticket.Id()]);

        var open = await ws.Client.PatchTicketAsync(ticket.Id(), """{"stage":"open"}""");
        Sla(open).GetProperty("paused").GetBoolean().ShouldBeFalse();
        Sla(open).GetProperty("resolution").GetProperty("dueAt").GetDateTimeOffset().ShouldBeGreaterThanOrEqualTo(due);
    }

    [Fact]
    public async Task An_agent_reply_meets_the_first_response_target_and_solving_the_resolution_target()
    {
        var ws = await fixture.NewWorkspaceAsync();
        await ws.Client.CreateAsync("sla-policies", AlwaysOpen("Everyone", (60, 480)));
        var id = (await ws.Client.CreateAsync("tickets", new { subject = "Help" })).Id();
        var reply = await ws.Client.CommentAsync(id, """{"body":"On it"}""");
        var answered = Sla(await ws.Client.TicketAsync(id)).GetProperty("firstResponse");
        answered.GetProperty("achievedAt").GetDateTimeOffset().ShouldBe(reply.GetProperty("createdAt").GetDateTimeOffset());
        answered.GetProperty("breached").GetBoolean().ShouldBeFalse();

        var solved = Sla(await ws.Client.PatchTicketAsync(id, """{"stage":"solved"}""")).GetProperty("resolution");
        solved.GetProperty("achievedAt").ValueKind.ShouldBe(JsonValueKind.String);
        solved.GetProperty("breached").GetBoolean().ShouldBeFalse();
        (await ws.Client.IdsAsync("tickets", """{"sla.resolutionDueAt":{"isNull":false}}""")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Business_hours_count_in_the_policys_time_zone()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var nineToFive = """[{"start":"09:00","end":"12:00"},{"start":"13:00","end":"17:00"}]""";
        var targets = """{"firstResponseMinutes":240,"resolutionMinutes":1440}""";
        await ws.Client.CreateAsync("sla-policies", $$$"""
            {"name":"Office","calendar":{"timeZone":"Europe/Berlin","weeklyHours":{"monday":{{{nineToFive}}},"tuesday":{{{nineToFive}}},
             "wednesday":{{{nineToFive}}},"thursday":{{{nineToFive}}},"friday":{{{nineToFive}}}},"holidays":["2026-12-24","2026-12-25"]},
             "targets":{"low":{{{targets}}},"normal":{{{targets}}},"high":{{{targets}}},"urgent":{{{targets}}}}}
            """);
        var ticket = await ws.Client.CreateAsync("tickets", new { subject = "Invoice" });

        var hours = new List<OpeningInterval> { new(TimeSpan.FromHours(9), TimeSpan.FromHours(12)), new(TimeSpan.FromHours(13), TimeSpan.FromHours(17)) };
        var calendar = BusinessCalendar.Create("Europe/Berlin",
            new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
                .ToDictionary(d => d, _ => (IReadOnlyList<OpeningInterval>)hours),
            [new DateOnly(2026, 12, 24), new DateOnly(2026, 12, 25)]);
        var created = ticket.GetProperty("createdAt").GetDateTimeOffset();
        Sla(ticket).GetProperty("firstResponse").GetProperty("dueAt").GetDateTimeOffset().ShouldBe(calendar.AddBusinessMinutes(created, 240));
        Sla(ticket).GetProperty("resolution").GetProperty("dueAt").GetDateTimeOffset().ShouldBe(calendar.AddBusinessMinutes(created, 1440));
    }

    [Fact]
    public async Task A_deleted_policy_keeps_its_tickets_but_matches_no_new_one()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var first = await ws.Client.CreateAsync("sla-policies", AlwaysOpen("First", (30, 120)));
        var second = await ws.Client.CreateAsync("sla-policies", AlwaysOpen("Second", (60, 480)));
        var old = await ws.Client.CreateAsync("tickets", new { subject = "Old" });
        Sla(old).Str("policyId").ShouldBe(first.Id());

        (await ws.Client.DeleteAsync($"/api/v1/sla-policies/{first.Id()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        Sla(await ws.Client.TicketAsync(old.Id())).Str("policyId").ShouldBe(first.Id());
        Sla(await ws.Client.CreateAsync("tickets", new { subject = "New" })).Str("policyId").ShouldBe(second.Id());
    }

    [Fact]
    public async Task Without_a_matching_policy_a_ticket_has_no_sla()
    {
        var ws = await fixture.NewWorkspaceAsync();
        await ws.Client.CreateAsync("sla-policies", AlwaysOpen("Urgent", (30, 120), """{"priority":{"eq":"urgent"}}"""));
        var ticket = await ws.Client.CreateAsync("tickets", new { subject = "Meh", priority = "low" });
        Sla(ticket).ValueKind.ShouldBe(JsonValueKind.Null);
        (await ws.Client.IdsAsync("tickets", """{"sla.policyId":{"isNull":true}}""")).ShouldBe([ticket.Id()]);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TicketSlaSqliteTests(SqliteApiFixture fixture) : TicketSlaTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class TicketSlaPostgresTests(PostgresApiFixture fixture) : TicketSlaTests(fixture);
