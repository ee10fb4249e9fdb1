using CrmApi.Application.Common.Validation;
using CrmApi.Domain.Pipelines;
using CrmApi.Domain.Tickets;

namespace CrmApi.Application.Pipelines;

/// <summary>A stage as the API shows it: deal stages carry probability and category, ticket stages a state.</summary>
public sealed record StageDto(string Key, string Label, int Position, decimal? Probability, StageCategory? Category, TicketState? State)
{
    public static StageDto From(PipelineStage s) => new(s.Key, s.Label, s.Position, Rules.Plain(s.Probability), s.Category, s.State);
}
