using CrmApi.Domain.Tickets;
using static CrmApi.Domain.Tests.Tickets.Iso;

namespace CrmApi.Domain.Tests.Tickets;

/// <summary>
/// SlaClock against hand-computed due instants. Unless a case says otherwise the policy runs on the "berlin" calendar
/// (Mon–Fri 09:00–17:00, Europe/Berlin) with first-response / resolution targets in business minutes of
/// low 480/2400, normal 240/960, high 60/480, urgent 30/240. 2026-01-13 is a Tuesday.
/// </summary>
public sealed class SlaClockTests
{
    private static readonly Dictionary<TicketPriority, SlaTargets> Targets = new()
    {
        [TicketPriority.Low] = SlaTargets.Create(480, 2400),
        [TicketPriority.Normal] = SlaTargets.Create(240, 960),
        [TicketPriority.High] = SlaTargets.Create(60, 480),
        [TicketPriority.Urgent] = SlaTargets.Create(30, 240),
    };

    private static SlaPolicy Policy(string calendar) => SlaPolicy.Create(TestCalendars.Get(calendar), Targets);

    /// <summary>What a target should look like; a null due means "unknown while pending".</summary>
    public sealed record Expect(string? Due, bool Breached, TimeSpan Remaining, string? AchievedAt = null);

    public sealed record Case(
        string Created,
        TicketPriority Priority,
        string Now,
        Expect FirstResponse,
        Expect Resolution,
        (string At, TicketPriority To)[]? Changes = null,
        (string Start, string? End)[]? Pending = null,
        string? Responded = null,
        string? Resolved = null,
        bool Paused = false,
        TicketPriority? PriorityNow = null,
        string Calendar = "berlin");

    private static TimeSpan Min(double minutes) => TimeSpan.FromMinutes(minutes);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["running, nothing happened yet"] = new(
            "2026-01-13T10:00+01:00", TicketPriority.Normal, Now: "2026-01-13T11:00+01:00",
            new("2026-01-13T14:00+01:00", false, Min(180)),
            new("2026-01-15T10:00+01:00", false, Min(900))),
        ["now exactly at the due instant is not a breach"] = new(
            "2026-01-13T10:00+01:00", TicketPriority.Normal, Now: "2026-01-13T14:00+01:00",
            new("2026-01-13T14:00+01:00", false, Min(0)),
            new("2026-01-15T10:00+01:00", false, Min(720))),
        ["one second after the due instant is a breach"] = new(
            "2026-01-13T10:00+01:00", TicketPriority.Normal, Now: "2026-01-13T14:00:01+01:00",
            new("2026-01-13T14:00+01:00", true, TimeSpan.FromSeconds(-1)),
            new("2026-01-15T10:00+01:00", false, Min(720) - TimeSpan.FromSeconds(1))),
        ["answered exactly at the due instant is on time"] = new(
            "2026-01-13T10:00+01:00", TicketPriority.Normal, Now: "2026-01-14T10:00+01:00",
            new("2026-01-13T14:00+01:00", false, Min(0), AchievedAt: "2026-01-13T14:00+01:00"),
            new("2026-01-15T10:00+01:00", false, Min(480)),
            Responded: "2026-01-13T14:00+01:00"),
        ["answered a minute late is a breach"] = new(
            "2026-01-13T10:00+01:00", TicketPriority.Normal, Now: "2026-01-13T15:00+01:00",
            new("2026-01-13T14:00+01:00", true, Min(-1), AchievedAt: "2026-01-13T14:01+01:00"),
            new("2026-01-15T10:00+01:00", false, Min(660)),
            Responded: "2026-01-13T14:01+01:00"),
        ["overdue on Saturday though no business time has passed since Friday's due"] = new(
            "2026-01-16T13:00+01:00", TicketPriority.Normal, Now: "2026-01-17T10:00+01:00",
            new("2026-01-16T17:00+01:00", true, Min(0)),
            new("2026-01-20T13:00+01:00", false, Min(720))),
        ["created on a Saturday counts from Monday's opening"] = new(
            "2026-01-17T12:00+01:00", TicketPriority.High, Now: "2026-01-17T13:00+01:00",
            new("2026-01-19T10:00+01:00", false, Min(60)),
            new("2026-01-19T17:00+01:00", false, Min(480))),
        ["one pause pushes both due instants by its business time"] = new(
            "2026-01-13T10:00+01:00", TicketPriority.Normal, Now: "2026-01-13T12:30+01:00",
            new("2026-01-13T15:00+01:00", false, Min(150)),
            new("2026-01-15T11:00+01:00", false, Min(870)),
            Pending: [("2026-01-13T11:00+01:00", "2026-01-13T12:00+01:00")]),
        ["while pending the due is unknown and the remaining time frozen"] = new(
            "2026-01-13T10:00+01:00", TicketPriority.Normal, Now: "2026-01-13T15:00+01:00",
            new(null, false, Min(180)),
            new(null, false, Min(900)),
            Pending: [("2026-01-13T11:00+01:00", null)], Paused: true),
        ["several pauses add up"] = new(
            "2026-01-13T10:00+01:00", TicketPriority.Normal, Now: "2026-01-13T14:30+01:00",
            new("2026-01-13T15:45+01:00", false, Min(75)),
            new("2026-01-15T11:45+01:00", false, Min(795)),
            Pending:
            [
                ("2026-01-13T10:30+01:00", "2026-01-13T11:00+01:00"),
                ("2026-01-13T12:00+01:00", "2026-01-13T13:00+01:00"),
                ("2026-01-13T14:00+01:00", "2026-01-13T14:15+01:00"),
            ]),
        ["a pause over a night counts only its open hours"] = new(
            "2026-01-13T10:00+01:00", TicketPriority.Normal, Now: "2026-01-14T11:00+01:00",
            new("2026-01-13T14:00+01:00", true, Min(-180)), // reached before the pause, never answered
            new("2026-01-15T12:00+01:00", false, Min(540)),
            Pending: [("2026-01-13T16:00+01:00", "2026-01-14T10:00+01:00")]),
        ["a pause outside opening hours changes nothing"] = new(
            "2026-01-13T10:00+01:00", TicketPriority.Normal, Now: "2026-01-14T09:30+01:00",
            new("2026-01-13T14:00+01:00", true, Min(-210)),
            new("2026-01-15T10:00+01:00", false, Min(510)),
            Pending: [("2026-01-13T18:00+01:00", "2026-01-14T08:00+01:00")]),
        ["pending outside opening hours now: known dues stay, unknown ones wait"] = new(
            "2026-01-13T10:00+01:00", TicketPriority.Normal, Now: "2026-01-14T10:00+01:00",
            new("2026-01-13T14:00+01:00", true, Min(-180)),
            new(null, false, Min(540)),
            Pending: [("2026-01-13T18:00+01:00", null)], Paused: true),
        ["a pause over a weekend and the spring-forward change"] = new(
            "2026-03-27T15:00+01:00", TicketPriority.Normal, Now: "2026-03-30T12:00+02:00",
            new("2026-03-30T14:00+02:00", false, Min(120)),
            new("2026-04-01T10:00+02:00", false, Min(840)),
            Pending: [("2026-03-27T16:00+01:00", "2026-03-30T11:00+02:00")]),
        ["pending from exactly now is paused"] = new(
            "2026-01-13T10:00+01:00", TicketPriority.Normal, Now: "2026-01-13T12:00+01:00",
            new(null, false, Min(120)),
            new(null, false, Min(840)),
            Pending: [("2026-01-13T12:00+01:00", null)], Paused: true),
        ["pending that ended exactly now is running again"] = new(
            "2026-01-13T10:00+01:00", TicketPriority.Normal, Now: "2026-01-13T12:00+01:00",
            new("2026-01-13T15:00+01:00", false, Min(180)),
            new("2026-01-15T11:00+01:00", false, Min(900)),
            Pending: [("2026-01-13T11:00+01:00", "2026-01-13T12:00+01:00")]),
        ["pending after a target was reached does not stop its breach"] = new(
            "2026-01-13T10:00+01:00", TicketPriority.Normal, Now: "2026-01-13T16:00+01:00",
            new("2026-01-13T14:00+01:00", true, Min(0)),
            new(null, false, Min(720)),
            Pending: [("2026-01-13T14:00+01:00", null)], Paused: true),
        ["an upgrade re-computes from creation with the new targets"] = new(
            "2026-01-13T10:00+01:00", TicketPriority.Normal, Now: "2026-01-13T10:25+01:00",
            new("2026-01-13T10:30+01:00", false, Min(5)),
            new("2026-01-13T14:00+01:00", false, Min(215)),
            Changes: [("2026-01-13T10:20+01:00", TicketPriority.Urgent)], PriorityNow: TicketPriority.Urgent),
        ["an upgrade past the new target is overdue at once"] = new(
            "2026-01-13T10:00+01:00", TicketPriority.Normal, Now: "2026-01-13T11:00+01:00",
            new("2026-01-13T10:30+01:00", true, Min(-30)),
            new("2026-01-13T14:00+01:00", false, Min(180)),
            Changes: [("2026-01-13T11:00+01:00", TicketPriority.Urgent)], PriorityNow: TicketPriority.Urgent),
        ["a downgrade gives more time"] = new(
            "2026-01-13T10:00+01:00", TicketPriority.Urgent, Now: "2026-01-13T10:40+01:00",
            new("2026-01-14T10:00+01:00", false, Min(440)),
            new("2026-01-20T10:00+01:00", false, Min(2360)),
            Changes: [("2026-01-13T10:20+01:00", TicketPriority.Low)], PriorityNow: TicketPriority.Low),
        ["two changes: the last one counts"] = new(
            "2026-01-13T10:00+01:00", TicketPriority.Normal, Now: "2026-01-13T10:30+01:00",
            new("2026-01-14T10:00+01:00", false, Min(450)),
            new("2026-01-20T10:00+01:00", false, Min(2370)),
            Changes: [("2026-01-13T10:10+01:00", TicketPriority.Urgent), ("2026-01-13T10:20+01:00", TicketPriority.Low)],
            PriorityNow: TicketPriority.Low),
        ["a met target keeps the priority it was met under"] = new(
            "2026-01-13T10:00+01:00", TicketPriority.Normal, Now: "2026-01-13T12:00+01:00",
            new("2026-01-13T14:00+01:00", false, Min(180), AchievedAt: "2026-01-13T11:00+01:00"),
            new("2026-01-13T14:00+01:00", false, Min(120)),
            Changes: [("2026-01-13T11:30+01:00", TicketPriority.Urgent)], Responded: "2026-01-13T11:00+01:00",
            PriorityNow: TicketPriority.Urgent),
        ["resolving also ends the first-response clock"] = new(
            "2026-01-13T10:00+01:00", TicketPriority.Normal, Now: "2026-01-14T10:00+01:00",
            new("2026-01-13T14:00+01:00", false, Min(180), AchievedAt: "2026-01-13T11:00+01:00"),
            new("2026-01-15T10:00+01:00", false, Min(900), AchievedAt: "2026-01-13T11:00+01:00"),
            Resolved: "2026-01-13T11:00+01:00"),
        ["resolved late"] = new(
            "2026-01-13T10:00+01:00", TicketPriority.Urgent, Now: "2026-01-14T09:00+01:00",
            new("2026-01-13T10:30+01:00", false, Min(20), AchievedAt: "2026-01-13T10:10+01:00"),
            new("2026-01-13T14:00+01:00", true, Min(-60), AchievedAt: "2026-01-13T15:00+01:00"),
            Responded: "2026-01-13T10:10+01:00", Resolved: "2026-01-13T15:00+01:00"),
        ["facts after now are ignored"] = new(
            "2026-01-13T10:00+01:00", TicketPriority.Normal, Now: "2026-01-13T12:00+01:00",
            new("2026-01-13T14:00+01:00", false, Min(120)),
            new("2026-01-15T10:00+01:00", false, Min(840)),
            Changes: [("2026-01-13T13:00+01:00", TicketPriority.Urgent)],
            Pending: [("2026-01-13T12:30+01:00", "2026-01-13T12:45+01:00")],
            Responded: "2026-01-13T15:00+01:00", Resolved: "2026-01-14T12:00+01:00"),
        ["the same ticket in Berlin's calendar"] = new(
            "2026-01-13T15:00+00:00", TicketPriority.Normal, Now: "2026-01-13T15:00+00:00",
            new("2026-01-14T12:00+01:00", false, Min(240)), // 16:00 locally: 60 minutes on Tuesday, 180 on Wednesday
            new("2026-01-15T16:00+01:00", false, Min(960))), // 60 + 480 + 420
        ["the same ticket in New York's calendar"] = new(
            "2026-01-13T15:00+00:00", TicketPriority.Normal, Now: "2026-01-13T15:00+00:00",
            new("2026-01-13T14:00-05:00", false, Min(240)),
            new("2026-01-15T10:00-05:00", false, Min(960)),
            Calendar: "new-york"),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Evaluate_gives_the_hand_computed_sla(string name)
    {
        var c = Cases[name];
        var timeline = new SlaTimeline(
            At(c.Created),
            c.Priority,
            c.Changes?.Select(x => new PriorityChange(At(x.At), x.To)).ToArray(),
            c.Pending?.Select(p => new PendingPeriod(At(p.Start), p.End is null ? null : At(p.End))).ToArray(),
            c.Responded is null ? null : At(c.Responded),
            c.Resolved is null ? null : At(c.Resolved));

        var sla = SlaClock.Evaluate(Policy(c.Calendar), timeline, At(c.Now));

        sla.Priority.ShouldBe(c.PriorityNow ?? c.Priority);
        sla.IsPaused.ShouldBe(c.Paused);
        Check(sla.FirstResponse, c.FirstResponse, "first response");
        Check(sla.Resolution, c.Resolution, "resolution");
    }

    private static void Check(SlaTargetStatus actual, Expect expected, string target)
    {
        actual.DueAt.ShouldBe(expected.Due is null ? null : At(expected.Due), $"{target} due");
        actual.IsBreached.ShouldBe(expected.Breached, $"{target} breached");
        actual.Remaining.ShouldBe(expected.Remaining, $"{target} remaining");
        actual.AchievedAt.ShouldBe(expected.AchievedAt is null ? null : At(expected.AchievedAt), $"{target} achieved");
        actual.Elapsed.ShouldBe(TimeSpan.FromMinutes(actual.TargetMinutes) - expected.Remaining, $"{target} elapsed");
        if (actual.DueAt is { } due) due.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void Evaluate_reads_now_from_the_clock()
    {
        var clock = new FakeTimeProvider(At("2026-01-13T11:00+01:00"));
        var timeline = new SlaTimeline(At("2026-01-13T10:00+01:00"), TicketPriority.Normal);

        SlaClock.Evaluate(Policy("berlin"), timeline, clock).FirstResponse.Remaining.ShouldBe(Min(180));
        clock.Now = At("2026-01-13T14:30+01:00");
        var later = SlaClock.Evaluate(Policy("berlin"), timeline, clock).FirstResponse;
        later.IsBreached.ShouldBeTrue();
        later.Remaining.ShouldBe(Min(-30));
    }

    [Fact]
    public void Evaluate_before_the_ticket_existed_throws()
        => Should.Throw<ArgumentOutOfRangeException>(() => SlaClock.Evaluate(
            Policy("berlin"), new SlaTimeline(At("2026-01-13T10:00+01:00"), TicketPriority.Normal), At("2026-01-13T09:59+01:00")));

    [Fact]
    public void The_target_minutes_are_those_of_the_priority_in_force()
    {
        var timeline = new SlaTimeline(
            At("2026-01-13T10:00+01:00"), TicketPriority.Normal, [new PriorityChange(At("2026-01-13T10:10+01:00"), TicketPriority.High)]);
        var sla = SlaClock.Evaluate(Policy("berlin"), timeline, At("2026-01-13T10:20+01:00"));
        sla.FirstResponse.TargetMinutes.ShouldBe(60);
        sla.Resolution.TargetMinutes.ShouldBe(480);
        sla.FirstResponse.IsAchieved.ShouldBeFalse();
    }
}
