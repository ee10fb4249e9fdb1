using CrmApi.Domain.Pipelines;
using CrmApi.Domain.Tickets;

namespace CrmApi.Application.Pipelines;

/// <summary>
/// A stage as clients write it. <c>position</c> is where it goes (0 is first; the others shift). A deal stage takes
/// <c>probability</c> (0..1; won stages default to 1, lost ones to 0) and <c>category</c> (open, won or lost; default
/// open); a ticket stage takes <c>state</c> (new, open, pending, solved or closed).
/// </summary>
public sealed class StageInput
{
    public string? Key { get; init; }
    public string? Label { get; init; }
    public int? Position { get; init; }
    public decimal? Probability { get; init; }
    public StageCategory? Category { get; init; }
    public TicketState? State { get; init; }

    public static StageInput From(PipelineStage s) => new()
    {
        Key = s.Key, Label = s.Label, Position = s.Position, Probability = s.Probability, Category = s.Category, State = s.State,
    };
}
