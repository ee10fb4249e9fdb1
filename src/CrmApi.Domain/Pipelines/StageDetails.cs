using CrmApi.Domain.Tickets;

namespace CrmApi.Domain.Pipelines;

/// <summary>
/// A stage as validated input: a deal stage has a probability (0..1) and a category, a ticket stage a state; the fields
/// of the other kind are null.
/// </summary>
public sealed record StageDetails(string Key, string Label, decimal? Probability, StageCategory? Category, TicketState? State);
