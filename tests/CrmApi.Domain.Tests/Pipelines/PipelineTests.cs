using CrmApi.Domain.Pipelines;

namespace CrmApi.Domain.Tests.Pipelines;

public sealed class PipelineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

    private static StageDetails Stage(string key, decimal probability = 0.5m) => new(key, key.ToUpperInvariant(), probability, StageCategory.Open, null);

    private static Pipeline Abc() => new(Guid.NewGuid(), Guid.NewGuid(), "P", PipelineObjectType.Deal, [Stage("a"), Stage("b"), Stage("c")], false, T0);

    private static IEnumerable<string> Order(Pipeline p) => p.Ordered.Select(s => s.Key);

    [Fact]
    public void Stages_are_inserted_moved_and_removed_keeping_positions_contiguous()
    {
        var p = Abc();
        p.AddStage(Stage("x"), 1, T0);
        Order(p).ShouldBe(["a", "x", "b", "c"]);
        p.AddStage(Stage("z"), null, T0);
        Order(p).ShouldBe(["a", "x", "b", "c", "z"]);
        p.ChangeStage(Stage("c"), 0, T0).ShouldBeTrue();
        Order(p).ShouldBe(["c", "a", "x", "b", "z"]);
        p.ChangeStage(Stage("c"), 0, T0).ShouldBeFalse();
        p.RemoveStage("x", T0);
        Order(p).ShouldBe(["c", "a", "b", "z"]);
        p.Ordered.Select(s => s.Position).ShouldBe([0, 1, 2, 3]);
        p.Version.ShouldBe(5);
        p.FirstStage.Key.ShouldBe("c");
    }

    [Fact]
    public void Keys_are_unique_and_the_last_stage_stays()
    {
        Should.Throw<ArgumentException>(() => new Pipeline(Guid.NewGuid(), Guid.NewGuid(), "P", PipelineObjectType.Deal, [Stage("a"), Stage("a")], false, T0));
        var p = Abc();
        Should.Throw<InvalidOperationException>(() => p.AddStage(Stage("b"), null, T0));
        p.RemoveStage("a", T0);
        p.RemoveStage("b", T0);
        Should.Throw<InvalidOperationException>(() => p.RemoveStage("c", T0));
    }

    [Fact]
    public void A_stage_keeps_its_key_while_label_and_weight_change()
    {
        var p = Abc();
        p.ChangeStage(new StageDetails("b", "Bee", 0.75m, StageCategory.Open, null), null, T0).ShouldBeTrue();
        var b = p.Stage("b")!;
        (b.Label, b.Probability, b.Position).ShouldBe(("Bee", (decimal?)0.75m, 1));
    }
}
