using CrmApi.Domain.Segments;

namespace CrmApi.Domain.Tests.Segments;

public sealed class SegmentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static Segment Dynamic() => new(Guid.NewGuid(), Guid.NewGuid(), "Customers", "contact", SegmentKind.Dynamic,
        """{"lifecycleStage":{"eq":"customer"}}""", timeDependent: false, Now);

    [Fact]
    public void A_new_dynamic_segment_needs_a_build_a_static_one_keeps_no_filter()
    {
        var segment = Dynamic();
        var progress = new SegmentProgress(segment.Id, segment.WorkspaceId);
        progress.IsBuilt(segment).ShouldBeFalse();
        progress.Built(segment.FilterRevision, 10, Now);
        progress.IsBuilt(segment).ShouldBeTrue();
        progress.ProcessedSequence.ShouldBe(10);

        var hand = new Segment(Guid.NewGuid(), Guid.NewGuid(), "VIP", "contact", SegmentKind.Static, """{"a":1}""", timeDependent: true, Now);
        hand.Filter.ShouldBeNull();
        hand.TimeDependent.ShouldBeFalse();
    }

    [Fact]
    public void A_new_filter_asks_for_a_rebuild_a_new_name_does_not()
    {
        var segment = Dynamic();
        var progress = new SegmentProgress(segment.Id, segment.WorkspaceId);
        progress.Built(segment.FilterRevision, 5, Now);

        segment.Change("Best customers", segment.Filter, false, Now).ShouldBeTrue();
        segment.Version.ShouldBe(2);
        progress.IsBuilt(segment).ShouldBeTrue();

        segment.Change("Best customers", """{"lifecycleStage":{"eq":"evangelist"}}""", true, Now).ShouldBeTrue();
        segment.TimeDependent.ShouldBeTrue();
        progress.IsBuilt(segment).ShouldBeFalse();
        segment.Change("Best customers", """{"lifecycleStage":{"eq":"evangelist"}}""", true, Now).ShouldBeFalse("nothing changed");
        segment.Version.ShouldBe(3);
    }

    [Fact]
    public void A_segment_stands_at_the_later_of_its_build_and_the_cursor_which_only_moves_forward()
    {
        var segment = Dynamic();
        var progress = new SegmentProgress(segment.Id, segment.WorkspaceId);
        progress.Built(segment.FilterRevision, 20, Now);
        var cursor = new SegmentCursor(segment.WorkspaceId);
        progress.PositionWith(null).ShouldBe(20);
        progress.PositionWith(cursor).ShouldBe(20, "events the build already reflects are not applied again");

        cursor.Advance(15);
        progress.PositionWith(cursor).ShouldBe(20);
        cursor.Advance(30);
        progress.PositionWith(cursor).ShouldBe(30);
        cursor.Advance(25);
        cursor.Sequence.ShouldBe(30, "the cursor never moves back");
        cursor.Version.ShouldBe(3, "every step moves the version, so two instances cannot both commit one");
        cursor.Touch();
        cursor.Version.ShouldBe(4);
        cursor.Sequence.ShouldBe(30);

        progress.Built(segment.FilterRevision, 25, Now.AddHours(1));
        progress.ProcessedSequence.ShouldBe(25);
        progress.PositionWith(cursor).ShouldBe(30, "a rebuild from an older position does not move it back");
        progress.EvaluatedAt.ShouldBe(Now.AddHours(1));
    }
}
