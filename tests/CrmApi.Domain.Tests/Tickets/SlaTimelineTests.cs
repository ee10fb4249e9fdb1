using CrmApi.Domain.Tickets;
using static CrmApi.Domain.Tests.Tickets.Iso;

namespace CrmApi.Domain.Tests.Tickets;

/// <summary>Timelines come from a ticket's own history, so facts out of order are bugs and throw.</summary>
public sealed class SlaTimelineTests
{
    private static readonly DateTimeOffset Created = At("2026-01-13T10:00+01:00");

    public static TheoryData<string> BadTimelines => [.. Bad.Keys];

    private static readonly Dictionary<string, Func<SlaTimeline>> Bad = new()
    {
        ["answered before created"] = () => new(Created, TicketPriority.Normal, firstRespondedAt: Created.AddMinutes(-1)),
        ["resolved before created"] = () => new(Created, TicketPriority.Normal, resolvedAt: Created.AddMinutes(-1)),
        ["priority changed before created"] = () => new(Created, TicketPriority.Normal, [new PriorityChange(Created.AddMinutes(-1), TicketPriority.High)]),
        ["priority changes out of order"] = () => new(Created, TicketPriority.Normal,
            [new PriorityChange(Created.AddMinutes(20), TicketPriority.High), new PriorityChange(Created.AddMinutes(10), TicketPriority.Low)]),
        ["unknown priority"] = () => new(Created, (TicketPriority)7),
        ["pending before created"] = () => new(Created, TicketPriority.Normal, pendingPeriods: [new PendingPeriod(Created.AddMinutes(-1), Created.AddMinutes(5))]),
        ["pending ends before it starts"] = () => new(Created, TicketPriority.Normal, pendingPeriods: [new PendingPeriod(Created.AddMinutes(10), Created.AddMinutes(5))]),
        ["pending periods overlap"] = () => new(Created, TicketPriority.Normal, pendingPeriods:
            [new PendingPeriod(Created.AddMinutes(10), Created.AddMinutes(30)), new PendingPeriod(Created.AddMinutes(20), Created.AddMinutes(40))]),
        ["an open pending period before another"] = () => new(Created, TicketPriority.Normal, pendingPeriods:
            [new PendingPeriod(Created.AddMinutes(10)), new PendingPeriod(Created.AddMinutes(20), Created.AddMinutes(40))]),
    };

    [Theory]
    [MemberData(nameof(BadTimelines))]
    public void Facts_out_of_order_throw(string name) => Should.Throw<ArgumentException>(() => Bad[name]());

    [Fact]
    public void PriorityAt_applies_a_change_from_its_instant_on()
    {
        var timeline = new SlaTimeline(Created, TicketPriority.Normal, [new PriorityChange(Created.AddMinutes(10), TicketPriority.Urgent)]);
        timeline.PriorityAt(Created.AddMinutes(10).AddTicks(-1)).ShouldBe(TicketPriority.Normal);
        timeline.PriorityAt(Created.AddMinutes(10)).ShouldBe(TicketPriority.Urgent);
    }

    [Fact]
    public void Pending_covers_its_start_but_not_its_end()
    {
        var timeline = new SlaTimeline(Created, TicketPriority.Normal, pendingPeriods: [new PendingPeriod(Created.AddMinutes(10), Created.AddMinutes(20))]);
        timeline.IsPendingAt(Created.AddMinutes(10)).ShouldBeTrue();
        timeline.IsPendingAt(Created.AddMinutes(20)).ShouldBeFalse();
    }
}
