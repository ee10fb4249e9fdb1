using CrmApi.Domain.Tickets;
using static CrmApi.Domain.Tests.Tickets.Iso;

namespace CrmApi.Domain.Tests.Tickets;

/// <summary>
/// A ticket keeps the facts its SLA clocks need as it moves: pending stays, solved stays ended by a reopen, priority
/// changes, the first agent reply. Berlin calendar (Mon–Fri 09:00–17:00); 2026-01-13 is a Tuesday.
/// </summary>
public sealed class TicketTests
{
    private static readonly Guid Pipeline = Guid.CreateVersion7();

    private static readonly SlaPolicy Policy = SlaPolicy.Create(TestCalendars.Get("berlin"), new Dictionary<TicketPriority, SlaTargets>
    {
        [TicketPriority.Low] = SlaTargets.Create(480, 2400),
        [TicketPriority.Normal] = SlaTargets.Create(240, 960),
        [TicketPriority.High] = SlaTargets.Create(60, 480),
        [TicketPriority.Urgent] = SlaTargets.Create(30, 240),
    });

    private static TicketDetails Details(string stage, TicketState state, TicketPriority priority = TicketPriority.Normal, string? assignee = null)
        => new("Printer", null, Pipeline, stage, priority, TicketChannel.Email, null, null, assignee, [], new Dictionary<string, string>(),
            State: state);

    private static Ticket NewTicket(string at = "2026-01-13T09:00+01:00")
        => Ticket.Create(Guid.CreateVersion7(), Guid.CreateVersion7(), Details("new", TicketState.New), At(at));

    private static void Move(Ticket t, string stage, TicketState state, string at)
        => t.Update(t.Details with { Stage = stage, State = state }, At(at)).ShouldBeTrue();

    [Fact]
    public void A_pending_stay_stops_the_clocks_and_moves_the_due_instant()
    {
        var t = NewTicket();
        Move(t, "pending", TicketState.Pending, "2026-01-13T10:00+01:00");
        t.RefreshDueDates(Policy, At("2026-01-13T11:00+01:00"));
        t.ResolutionDueAt.ShouldBeNull(); // paused: no promise
        Move(t, "open", TicketState.Open, "2026-01-13T12:00+01:00");
        t.Pauses.ShouldBe([new PendingPeriod(At("2026-01-13T10:00+01:00"), At("2026-01-13T12:00+01:00"))]);
        t.RefreshDueDates(Policy, At("2026-01-13T12:00+01:00"));
        // 240 business minutes from 09:00 plus the 2 paused hours.
        t.FirstResponseDueAt.ShouldBe(At("2026-01-13T15:00+01:00"));
    }

    [Fact]
    public void Solving_sets_solvedAt_closing_keeps_it_and_a_reopen_turns_the_solved_stay_into_a_pause()
    {
        var t = NewTicket();
        Move(t, "solved", TicketState.Solved, "2026-01-13T10:00+01:00");
        t.SolvedAt.ShouldBe(At("2026-01-13T10:00+01:00"));
        t.StageChanges.Last().Solved.ShouldBeTrue();
        Move(t, "closed", TicketState.Closed, "2026-01-13T11:00+01:00");
        t.SolvedAt.ShouldBe(At("2026-01-13T10:00+01:00"));
        t.StageChanges.Last().Solved.ShouldBeFalse();
        Move(t, "open", TicketState.Open, "2026-01-14T09:00+01:00");
        t.StageChanges.Last().Reopened.ShouldBeTrue();
        t.SolvedAt.ShouldBeNull();
        t.Pauses.ShouldBe([new PendingPeriod(At("2026-01-13T10:00+01:00"), At("2026-01-14T09:00+01:00"))]);
        // One business hour ran before the solve; 960 - 60 remain from Wednesday 09:00.
        var sla = t.SlaAt(Policy, At("2026-01-14T09:00+01:00"));
        sla.Resolution.Remaining.ShouldBe(TimeSpan.FromMinutes(900));
    }

    [Fact]
    public void A_priority_change_is_kept_for_the_clocks_with_the_policy_the_details_name()
    {
        var t = NewTicket();
        var policyId = Guid.CreateVersion7();
        t.Update(t.Details with { Priority = TicketPriority.Urgent, SlaPolicyId = policyId }, At("2026-01-13T09:10+01:00")).ShouldBeTrue();
        t.SlaPolicyId.ShouldBe(policyId);
        t.PriorityHistory.Select(c => c.Priority).ShouldBe([TicketPriority.Normal, TicketPriority.Urgent]);
        t.RefreshDueDates(Policy, At("2026-01-13T09:10+01:00"));
        t.FirstResponseDueAt.ShouldBe(At("2026-01-13T09:30+01:00"));

        // Another change that keeps the priority keeps the policy, whatever the details name.
        t.Update(t.Details with { Subject = "Printer on fire", SlaPolicyId = Guid.CreateVersion7() }, At("2026-01-13T09:20+01:00"));
        t.SlaPolicyId.ShouldBe(policyId);
    }

    [Fact]
    public void Only_the_first_public_agent_comment_is_the_first_response()
    {
        var t = NewTicket();
        var at = At("2026-01-13T09:30+01:00");
        t.Commented(new TicketComment(Guid.CreateVersion7(), t.WorkspaceId, t.Id, "note", false, CommentAuthorType.Agent, "a", null, at), at);
        t.Commented(new TicketComment(Guid.CreateVersion7(), t.WorkspaceId, t.Id, "hi", true, CommentAuthorType.Contact, "c", null, at), at);
        t.FirstRespondedAt.ShouldBeNull();
        var reply = At("2026-01-13T09:45+01:00");
        t.Commented(new TicketComment(Guid.CreateVersion7(), t.WorkspaceId, t.Id, "on it", true, CommentAuthorType.Agent, "a", null, reply), reply);
        t.Commented(new TicketComment(Guid.CreateVersion7(), t.WorkspaceId, t.Id, "more", true, CommentAuthorType.Agent, "a", null, reply.AddHours(1)), reply.AddHours(1));
        t.FirstRespondedAt.ShouldBe(reply);
        t.RefreshDueDates(Policy, reply.AddHours(1));
        t.FirstResponseDueAt.ShouldBeNull(); // met
        t.Version.ShouldBe(5);
    }

    [Fact]
    public void Assignment_is_reported_when_the_assignee_becomes_someone()
    {
        var t = NewTicket();
        t.Assignment.ShouldBeNull();
        t.Update(t.Details with { AssigneeId = "agent-1" }, At("2026-01-13T09:05+01:00"));
        t.Assignment.ShouldBe(((string?)null, "agent-1"));
        t.ClearChanges();
        t.Update(t.Details with { AssigneeId = null }, At("2026-01-13T09:06+01:00"));
        t.Assignment.ShouldBeNull();
    }

    [Fact]
    public void A_ticket_is_rated_once_and_only_when_resolved()
    {
        var t = NewTicket();
        t.SatisfactionRefusal.ShouldNotBeNull();
        Should.Throw<InvalidOperationException>(() => t.Rate(5, null, At("2026-01-13T09:05+01:00")));
        Move(t, "solved", TicketState.Solved, "2026-01-13T10:00+01:00");
        t.SatisfactionRefusal.ShouldBeNull();
        t.Rate(4, "ok", At("2026-01-13T10:05+01:00"));
        t.SatisfactionScore.ShouldBe(4);
        t.SatisfactionRefusal!.ShouldContain("already");
    }
}
