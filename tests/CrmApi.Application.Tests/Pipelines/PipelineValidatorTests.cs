using CrmApi.Application.Pipelines;
using CrmApi.Domain.Pipelines;
using CrmApi.Domain.Tickets;

namespace CrmApi.Application.Tests.Pipelines;

public sealed class PipelineValidatorTests
{
    [Fact]
    public void Stages_follow_their_positions_and_closed_stages_default_their_probability()
    {
        var result = PipelineValidator.Validate(new PipelineInput
        {
            Name = "P",
            ObjectType = PipelineObjectType.Deal,
            Stages =
            [
                new StageInput { Key = "lost", Label = "Lost", Category = StageCategory.Lost, Position = 9 },
                new StageInput { Key = "new", Label = "New", Probability = 0.1m, Position = 0 },
                new StageInput { Key = "won", Label = "Won", Category = StageCategory.Won, Position = 5 },
            ],
        });
        result.IsSuccess.ShouldBeTrue();
        result.Value!.Stages.Select(s => (s.Key, s.Probability, s.Category)).ShouldBe([
            ("new", (decimal?)0.1m, (StageCategory?)StageCategory.Open),
            ("won", 1m, StageCategory.Won),
            ("lost", 0m, StageCategory.Lost),
        ]);
    }

    [Theory]
    [InlineData(1.0001)]
    [InlineData(-0.0001)]
    public void A_probability_outside_0_to_1_is_refused(double probability)
    {
        var errors = new List<CrmApi.Application.Common.Error>();
        PipelineValidator.Stage(errors, "stages[0]", PipelineObjectType.Deal,
            new StageInput { Key = "a", Label = "A", Probability = (decimal)probability }).ShouldBeNull();
        errors.Single().Field.ShouldBe("stages[0].probability");
    }

    [Fact]
    public void A_ticket_stage_takes_a_state_and_nothing_of_a_deal_stage()
    {
        var errors = new List<CrmApi.Application.Common.Error>();
        PipelineValidator.Stage(errors, "", PipelineObjectType.Ticket, new StageInput { Key = "wait", Label = "Wait", State = TicketState.Pending })!
            .State.ShouldBe(TicketState.Pending);
        errors.ShouldBeEmpty();
        PipelineValidator.Stage(errors, "", PipelineObjectType.Ticket,
            new StageInput { Key = "wait", Label = "Wait", Category = StageCategory.Won }).ShouldBeNull();
        errors.Select(e => e.Field).ShouldBe(["category", "state"]);
    }
}
