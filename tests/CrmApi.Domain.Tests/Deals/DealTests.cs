using CrmApi.Domain.Deals;
using CrmApi.Domain.Pipelines;

namespace CrmApi.Domain.Tests.Deals;

public sealed class DealTests
{
    private static readonly Guid Workspace = Guid.NewGuid();
    private static readonly Guid Pipeline = Guid.NewGuid();
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

    private static DealDetails Details(string stage, StageCategory category) =>
        new("Deal", 100m, "EUR", Pipeline, stage, null, null, null, null, [], [], new Dictionary<string, string>(), null, category);

    [Fact]
    public void Entering_won_or_lost_sets_closedAt_and_an_open_stage_clears_it()
    {
        var deal = Deal.Create(Guid.NewGuid(), Workspace, Details("qualified", StageCategory.Open), T0);
        deal.ClosedAt.ShouldBeNull();
        deal.StageChanges.Single().From.ShouldBeNull();
        deal.ClearStageChanges();

        deal.Update(Details("won", StageCategory.Won), T0.AddHours(1)).ShouldBeTrue();
        deal.ClosedAt.ShouldBe(T0.AddHours(1));
        var change = deal.StageChanges.Single();
        (change.Won, change.Lost).ShouldBe((true, false));
        change.TimeInFrom.ShouldBe(TimeSpan.FromHours(1));
        deal.ClearStageChanges();

        // Another won stage: still won, closed when it first was.
        deal.MoveTo(new StagePlace(Pipeline, "won_late", StageCategory.Won), T0.AddHours(2)).ShouldBeTrue();
        deal.ClosedAt.ShouldBe(T0.AddHours(1));
        deal.StageChanges.Single().Won.ShouldBeFalse();
        deal.ClearStageChanges();

        deal.Update(Details("lost", StageCategory.Lost), T0.AddHours(3));
        deal.ClosedAt.ShouldBe(T0.AddHours(3));
        deal.StageChanges.Single().Lost.ShouldBeTrue();
        deal.ClearStageChanges();

        deal.Update(Details("qualified", StageCategory.Open), T0.AddHours(4));
        deal.ClosedAt.ShouldBeNull();
        deal.StageEnteredAt.ShouldBe(T0.AddHours(4));
        deal.Version.ShouldBe(5);
    }

    [Fact]
    public void A_change_that_keeps_the_stage_is_no_stage_entry()
    {
        var deal = Deal.Create(Guid.NewGuid(), Workspace, Details("qualified", StageCategory.Open), T0);
        deal.ClearStageChanges();
        deal.Update(Details("qualified", StageCategory.Open) with { Amount = 5m }, T0.AddDays(1)).ShouldBeTrue();
        deal.StageChanges.ShouldBeEmpty();
        deal.StageEnteredAt.ShouldBe(T0);
        deal.Update(Details("qualified", StageCategory.Open) with { Amount = 5m }, T0.AddDays(2)).ShouldBeFalse();
        deal.Version.ShouldBe(2);
    }

    [Fact]
    public void A_deal_created_in_a_won_stage_is_won_and_closed_at_once()
    {
        var deal = Deal.Create(Guid.NewGuid(), Workspace, Details("won", StageCategory.Won), T0);
        deal.ClosedAt.ShouldBe(T0);
        deal.StageChanges.Single().Won.ShouldBeTrue();
    }
}
