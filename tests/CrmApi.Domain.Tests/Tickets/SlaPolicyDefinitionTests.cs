using CrmApi.Domain.Tickets;

namespace CrmApi.Domain.Tests.Tickets;

public sealed class SlaPolicyDefinitionTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private static SlaPolicy PolicyOn(BusinessCalendar calendar, int urgentFirstResponse = 30) => SlaPolicy.Create(calendar, new Dictionary<TicketPriority, SlaTargets>
    {
        [TicketPriority.Low] = SlaTargets.Create(480, 2880),
        [TicketPriority.Normal] = SlaTargets.Create(240, 1440),
        [TicketPriority.High] = SlaTargets.Create(60, 480),
        [TicketPriority.Urgent] = SlaTargets.Create(urgentFirstResponse, 240),
    });

    private static SlaPolicyDefinition New(string name, int position, SlaPolicy? policy = null)
        => new(Guid.CreateVersion7(), Guid.CreateVersion7(), name, position, null, policy ?? PolicyOn(TestCalendars.Get("berlin")), Now);

    [Theory]
    [InlineData("berlin")]
    [InlineData("berlin-split")]
    [InlineData("berlin-24x7")]
    [InlineData("new-york")]
    public void The_stored_text_gives_back_the_same_calendar_and_targets(string calendar)
    {
        var policy = PolicyOn(TestCalendars.Get(calendar));
        var stored = New("Gold", 0, policy);
        // What the data layer hands back: the columns alone.
        var read = typeof(SlaPolicyDefinition).GetConstructor(System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance, [])!
            .Invoke(null) as SlaPolicyDefinition;
        foreach (var column in new[] { "TimeZone", "WeeklyHours", "Holidays", "Targets" })
        {
            var property = typeof(SlaPolicyDefinition).GetProperty(column)!;
            property.SetValue(read, property.GetValue(stored));
        }

        read!.Policy.Calendar.ShouldBe(policy.Calendar);
        read.Policy.Targets.ShouldBe(policy.Targets, ignoreOrder: true);
    }

    [Fact]
    public void Weekly_hours_and_targets_are_stored_as_the_api_shows_them()
    {
        var stored = New("Gold", 0, PolicyOn(TestCalendars.Get("berlin-split")));
        stored.TimeZone.ShouldBe("Europe/Berlin");
        stored.WeeklyHours.ShouldStartWith("""{"monday":[{"start":"09:00","end":"12:30"},{"start":"13:30","end":"17:00"}],"tuesday":""");
        stored.WeeklyHours.ShouldNotContain("saturday");
        stored.Holidays.ShouldBe("[]");
        stored.Targets.ShouldStartWith("""{"low":{"firstResponseMinutes":480,"resolutionMinutes":2880},"normal":""");
    }

    [Fact]
    public void Change_moves_the_version_once_and_only_when_something_differs()
    {
        var policy = PolicyOn(TestCalendars.Get("berlin"));
        var definition = New("Gold", 0, policy);
        definition.Change("Gold", null, PolicyOn(TestCalendars.Get("berlin")), 0, Now.AddMinutes(1)).ShouldBeFalse();
        definition.Version.ShouldBe(1);

        definition.Change("Platinum", """{"priority":{"eq":"urgent"}}""", PolicyOn(TestCalendars.Get("new-york"), 15), 2, Now.AddMinutes(2)).ShouldBeTrue();
        definition.Version.ShouldBe(2);
        definition.UpdatedAt.ShouldBe(Now.AddMinutes(2));
        definition.Position.ShouldBe(2);
        definition.Policy.Calendar.TimeZoneId.ShouldBe("America/New_York");
        definition.Policy.TargetsFor(TicketPriority.Urgent).FirstResponseMinutes.ShouldBe(15);
    }

    [Fact]
    public void Renumber_touches_only_the_policies_that_move()
    {
        var (a, b, c) = (New("A", 0), New("B", 1), New("C", 2));
        SlaPolicyDefinition.Renumber([c, a, b], Now.AddMinutes(1));
        (c.Position, a.Position, b.Position).ShouldBe((0, 1, 2));
        (c.Version, a.Version, b.Version).ShouldBe((2L, 2L, 2L));
        SlaPolicyDefinition.Renumber([c, b], Now.AddMinutes(2));
        (c.Version, b.Version).ShouldBe((2L, 3L));
    }

    [Fact]
    public void A_deleted_policy_keeps_its_policy_and_refuses_changes()
    {
        var definition = New("Gold", 1);
        definition.Delete(Now.AddHours(1));
        definition.Delete(Now.AddHours(2));
        definition.DeletedAt.ShouldBe(Now.AddHours(1));
        definition.Version.ShouldBe(2);
        definition.Position.ShouldBe(1);
        Should.Throw<InvalidOperationException>(() => definition.Change("Silver", null, definition.Policy, 0, Now));
        Should.Throw<ArgumentException>(() => SlaPolicyDefinition.Renumber([definition], Now));
    }

    [Theory]
    [InlineData("09:00", 9, 0, 0)]
    [InlineData("00:00", 0, 0, 0)]
    [InlineData("24:00", 24, 0, 0)]
    [InlineData("25:30", 25, 30, 0)]
    [InlineData("12:30:15", 12, 30, 15)]
    public void TryParseTime_reads_hours_minutes_and_seconds(string text, int hours, int minutes, int seconds)
    {
        OpeningInterval.TryParseTime(text, out var time).ShouldBeTrue();
        time.ShouldBe(new TimeSpan(hours, minutes, seconds));
        OpeningInterval.Format(time).ShouldBe(text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("9:00")]
    [InlineData("09:0")]
    [InlineData("09.00")]
    [InlineData("09:60")]
    [InlineData("09:00:60")]
    [InlineData("-1:00")]
    [InlineData("09:00:")]
    [InlineData("０９:００")]
    public void TryParseTime_refuses_anything_else(string? text)
        => OpeningInterval.TryParseTime(text, out _).ShouldBeFalse();
}
