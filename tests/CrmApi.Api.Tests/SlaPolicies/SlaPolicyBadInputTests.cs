using CrmApi.Api.Tests.BadInput;
using CrmApi.Api.Tests.Contacts;
using CrmApi.Api.Tests.Infrastructure;

namespace CrmApi.Api.Tests.SlaPolicies;

/// <summary>SLA policy bodies that must be refused with 400 naming the field, each with nothing written.</summary>
public abstract class SlaPolicyBadInputTests(ApiFixture fixture)
{
    /// <summary>The valid body with the value at <c>path</c> replaced (null: removed), and the field the error must name.</summary>
    public static TheoryData<string, string?, string> BadValues => new()
    {
        // Calendar: overlapping hours, unknown or miscased time zone, end not after start, bad or out-of-range times.
        { "calendar.weeklyHours.monday", """[{"start":"09:00","end":"12:00"},{"start":"11:00","end":"17:00"}]""", "calendar.weeklyHours.monday[1]" },
        { "calendar.weeklyHours.tuesday", """[{"start":"13:00","end":"17:00"},{"start":"09:00","end":"12:00"}]""", "calendar.weeklyHours.tuesday[1]" },
        { "calendar.timeZone", "\"Mars/Olympus_Mons\"", "calendar.timeZone" },
        { "calendar.timeZone", "\"europe/berlin\"", "calendar.timeZone" },
        { "calendar.timeZone", null, "calendar.timeZone" },
        { "calendar.weeklyHours.monday", """[{"start":"17:00","end":"09:00"}]""", "calendar.weeklyHours.monday[0]" },
        { "calendar.weeklyHours.monday", """[{"start":"09:00","end":"09:00"}]""", "calendar.weeklyHours.monday[0]" },
        { "calendar.weeklyHours.monday", """[{"start":"9am","end":"17:00"}]""", "calendar.weeklyHours.monday[0].start" },
        { "calendar.weeklyHours.monday", """[{"start":"09:00","end":"17:60"}]""", "calendar.weeklyHours.monday[0].end" },
        { "calendar.weeklyHours.monday", """[{"start":"09:00","end":"25:00"}]""", "calendar.weeklyHours.monday[0].end" },
        { "calendar.weeklyHours.monday", """[{"start":"09:00"}]""", "calendar.weeklyHours.monday[0].end" },
        { "calendar.weeklyHours.monday", """[null]""", "calendar.weeklyHours.monday[0]" },
        { "calendar.weeklyHours", "{}", "calendar.weeklyHours" },
        { "calendar.weeklyHours", null, "calendar.weeklyHours" },
        { "calendar.weeklyHours.funday", "[]", "calendar.weeklyHours.funday" },
        { "calendar.holidays", """["2026-02-30"]""", "calendar.holidays[0]" },
        { "calendar", null, "calendar" },
        // Targets: a priority missing, not positive, too large, half given.
        { "targets.urgent", null, "targets.urgent" },
        { "targets.normal", "null", "targets.normal" },
        { "targets.high.firstResponseMinutes", "0", "targets.high.firstResponseMinutes" },
        { "targets.low.resolutionMinutes", "-60", "targets.low.resolutionMinutes" },
        { "targets.low.resolutionMinutes", "525601", "targets.low.resolutionMinutes" },
        { "targets.normal.resolutionMinutes", null, "targets.normal.resolutionMinutes" },
        { "targets.normal.resolutionMinutes", "\"60\"", "targets.normal.resolutionMinutes" },
        { "targets.critical", """{"firstResponseMinutes":5,"resolutionMinutes":60}""", "targets.critical" },
        { "targets", null, "targets" },
        // Conditions: an unknown field, a value the field does not take, not a filter at all.
        { "conditions", """{"priorty":{"eq":"urgent"}}""", "conditions.priorty" },
        { "conditions", """{"priority":{"eq":"critical"}}""", "conditions.priority.eq" },
        { "conditions", """{"and":[{"tags":{"contains":"vip"}},{"company.tier":{"eq":"gold"}}]}""", "conditions.and[1].company.tier" },
        { "conditions", "[]", "conditions" },
        // The rest of the body.
        { "name", null, "name" },
        { "name", "\"  \"", "name" },
        { "position", "-1", "position" },
        { "nme", "\"Gold\"", "nme" },
        { "id", "\"0195a0a0-0000-7000-8000-000000000000\"", "id" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task An_invalid_policy_is_400_naming_the_field_and_writes_nothing(string path, string? value, string field)
    {
        var ws = await fixture.NewWorkspaceAsync();
        await ws.Client.CreatePolicyAsync("Existing");
        using var response = await ws.SendUnchangedAsync(HttpMethod.Post, "/api/v1/sla-policies", SlaPolicyApi.With(path, value));
        await response.ShouldBeValidationAsync(field);
    }

    [Theory]
    [InlineData("""{"calendar":{"weeklyHours":{"monday":[{"start":"09:00","end":"13:00"},{"start":"12:00","end":"17:00"}]}}}""", "calendar.weeklyHours.monday[1]")]
    [InlineData("""{"calendar":{"timeZone":"Atlantis/Capital"}}""", "calendar.timeZone")]
    [InlineData("""{"calendar":{"weeklyHours":{"friday":[{"start":"18:00","end":"08:00"}]}}}""", "calendar.weeklyHours.friday[0]")]
    [InlineData("""{"calendar":{"weeklyHours":{"friday":[{"start":"8:00","end":"18:00"}]}}}""", "calendar.weeklyHours.friday[0].start")]
    [InlineData("""{"targets":{"high":null}}""", "targets.high")]
    [InlineData("""{"targets":{"urgent":{"resolutionMinutes":0}}}""", "targets.urgent.resolutionMinutes")]
    [InlineData("""{"conditions":{"channel":{"eq":"fax"}}}""", "conditions.channel.eq")]
    [InlineData("""{"conditions":{"stage.color":{"eq":"red"}}}""", "conditions.stage.color")]
    [InlineData("""{"name":null}""", "name")]
    [InlineData("""{"position":-2}""", "position")]
    [InlineData("""{"version":7}""", "version")]
    [InlineData("""{"calendar":{"zone":"Europe/Paris"}}""", "calendar.zone")]
    public async Task An_invalid_patch_is_400_naming_the_field_and_writes_nothing(string patch, string field)
    {
        var ws = await fixture.NewWorkspaceAsync();
        var policy = await ws.Client.CreatePolicyAsync("Gold", """{"priority":{"eq":"urgent"}}""");
        using var response = await ws.SendUnchangedAsync(HttpMethod.Patch, $"/api/v1/sla-policies/{policy.Id()}", patch, RecordApi.MergePatch);
        await response.ShouldBeValidationAsync(field);
    }

    [Fact]
    public async Task Every_problem_of_a_body_is_reported_at_once()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var body = SlaPolicyApi.With("calendar", """{"timeZone":"Nowhere/Town","weeklyHours":{"monday":[{"start":"09:00","end":"12:00"},{"start":"10:00","end":"11:00"}],"sunday":[{"start":"x","end":"12:00"}]}}""")
            .Replace("\"urgent\":{\"firstResponseMinutes\":30,\"resolutionMinutes\":240}", "\"urgent\":{\"firstResponseMinutes\":0,\"resolutionMinutes\":240}",
                StringComparison.Ordinal);
        using var response = await ws.SendUnchangedAsync(HttpMethod.Post, "/api/v1/sla-policies", body);
        var errors = await response.ShouldBeValidationAsync(
            "calendar.timeZone", "calendar.weeklyHours.monday[1]", "calendar.weeklyHours.sunday[0].start", "targets.urgent.firstResponseMinutes");
        errors.Count.ShouldBe(4, string.Join(" | ", errors));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SlaPolicyBadInputSqliteTests(SqliteApiFixture fixture) : SlaPolicyBadInputTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class SlaPolicyBadInputPostgresTests(PostgresApiFixture fixture) : SlaPolicyBadInputTests(fixture);
