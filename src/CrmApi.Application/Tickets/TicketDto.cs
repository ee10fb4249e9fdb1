using CrmApi.Domain.Tickets;

namespace CrmApi.Application.Tickets;

/// <summary>
/// A ticket as the API returns it. <c>state</c>, <c>stageEnteredAt</c>, <c>firstRespondedAt</c> and <c>solvedAt</c>
/// are kept by the server: the first public agent comment is the first response, entering a solved or closed stage
/// sets <c>solvedAt</c> and a reopen clears it. <c>sla</c> is null when no SLA policy governs the ticket.
/// </summary>
public sealed record TicketDto(
    Guid Id,
    string Subject,
    string? Description,
    Guid PipelineId,
    string Stage,
    TicketState State,
    DateTimeOffset StageEnteredAt,
    TicketPriority Priority,
    TicketChannel? Channel,
    Guid? RequesterId,
    Guid? CompanyId,
    string? AssigneeId,
    IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, string> ExternalIds,
    DateTimeOffset? FirstRespondedAt,
    DateTimeOffset? SolvedAt,
    TicketSlaDto? Sla,
    TicketSatisfactionDto? Satisfaction,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version) : Records.IRecordDto
{
    /// <summary>Custom field values by key; set by the record use cases, which know the workspace's fields.</summary>
    public System.Text.Json.Nodes.JsonObject Custom { get; init; } = [];

    public static TicketDto From(Ticket t, TicketSlaDto? sla) => new(
        t.Id, t.Subject, t.Description, t.PipelineId, t.Stage, t.State, t.StageEnteredAt, t.Priority, t.Channel, t.RequesterId,
        t.CompanyId, t.AssigneeId, [.. t.Tags], Domain.Common.ExternalIds.ToMap(t.ExternalIds), t.FirstRespondedAt, t.SolvedAt, sla,
        t.SatisfactionScore is { } score ? new TicketSatisfactionDto(score, t.SatisfactionComment, t.SatisfactionAt!.Value) : null,
        t.CreatedAt, t.UpdatedAt, t.Version);
}

/// <summary>The requester's rating of a solved ticket (1 to 5).</summary>
public sealed record TicketSatisfactionDto(int Score, string? Comment, DateTimeOffset ReceivedAt);
