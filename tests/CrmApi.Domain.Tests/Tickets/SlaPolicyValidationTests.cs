using CrmApi.Domain.Tickets;

namespace CrmApi.Domain.Tests.Tickets;

public sealed class SlaPolicyValidationTests
{
    [Theory]
    [InlineData(0, 960, new[] { "firstResponseMinutes" })]
    [InlineData(-5, 960, new[] { "firstResponseMinutes" })]
    [InlineData(240, 0, new[] { "resolutionMinutes" })]
    [InlineData(240, -1, new[] { "resolutionMinutes" })]
    [InlineData(0, 0, new[] { "firstResponseMinutes", "resolutionMinutes" })]
    [InlineData(240, SlaTargets.MaxMinutes + 1, new[] { "resolutionMinutes" })]
    public void SlaTargets_rejects_targets_that_are_not_positive_or_too_large(int firstResponse, int resolution, string[] fields)
    {
        SlaTargets.TryCreate(firstResponse, resolution, out var targets, out var errors).ShouldBeFalse();
        targets.ShouldBeNull();
        errors.Select(e => e.Field).ShouldBe(fields);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(30, 240)]
    [InlineData(SlaTargets.MaxMinutes, SlaTargets.MaxMinutes)]
    public void SlaTargets_accepts_positive_targets(int firstResponse, int resolution)
    {
        SlaTargets.TryCreate(firstResponse, resolution, out var targets, out var errors).ShouldBeTrue();
        errors.ShouldBeEmpty();
        targets!.FirstResponseMinutes.ShouldBe(firstResponse);
        targets.ResolutionMinutes.ShouldBe(resolution);
    }

    [Fact]
    public void Errors_nest_under_the_priority_they_belong_to()
    {
        SlaTargets.TryCreate(0, 60, out _, out var errors);
        errors.Single().Under("targets.high").ShouldBe(new FieldError("targets.high.firstResponseMinutes", "Must be a positive number of business minutes."));
    }

    [Fact]
    public void SlaTargets_Create_throws_on_bad_targets()
        => Should.Throw<ArgumentException>(() => SlaTargets.Create(0, 60)).Message.ShouldContain("firstResponseMinutes");

    [Fact]
    public void SlaPolicy_needs_targets_for_every_priority()
    {
        var some = new Dictionary<TicketPriority, SlaTargets>
        {
            [TicketPriority.Low] = SlaTargets.Create(480, 2400),
            [TicketPriority.Normal] = SlaTargets.Create(240, 960),
        };
        SlaPolicy.TryCreate(TestCalendars.Get("berlin"), some, out var policy, out var errors).ShouldBeFalse();
        policy.ShouldBeNull();
        errors.Select(e => e.Field).ShouldBe(["targets.high", "targets.urgent"]);
    }

    [Fact]
    public void SlaPolicy_rejects_an_unknown_priority()
    {
        var targets = Enum.GetValues<TicketPriority>().ToDictionary(p => p, _ => SlaTargets.Create(60, 120));
        targets[(TicketPriority)9] = SlaTargets.Create(60, 120);
        SlaPolicy.TryCreate(TestCalendars.Get("berlin"), targets, out _, out var errors).ShouldBeFalse();
        errors.Single().ShouldBe(new FieldError("targets", "Unknown priority 9."));
    }

    [Fact]
    public void SlaPolicy_keeps_its_own_copy_of_the_targets()
    {
        var targets = Enum.GetValues<TicketPriority>().ToDictionary(p => p, _ => SlaTargets.Create(60, 120));
        var policy = SlaPolicy.Create(TestCalendars.Get("berlin"), targets);
        targets[TicketPriority.Urgent] = SlaTargets.Create(1, 2);
        policy.TargetsFor(TicketPriority.Urgent).FirstResponseMinutes.ShouldBe(60);
    }
}
