using CrmApi.Domain.Tickets;

namespace CrmApi.Application.Tickets;

/// <summary>
/// The writable fields of a ticket: the body of a create, and the shape a merge patch applies to. Without
/// <c>pipelineId</c> a ticket goes to the workspace's default ticket pipeline, without <c>stage</c> to its first stage;
/// moving a ticket (solving, reopening) is a patch of <c>stage</c>. <c>priority</c> defaults to normal.
/// </summary>
public sealed class TicketInput
{
    public string? Subject { get; init; }
    public string? Description { get; init; }
    public Guid? PipelineId { get; init; }
    public string? Stage { get; init; }
    public TicketPriority? Priority { get; init; }
    public TicketChannel? Channel { get; init; }
    /// <summary>The contact who asked.</summary>
    public Guid? RequesterId { get; init; }
    public Guid? CompanyId { get; init; }
    /// <summary>The agent working the ticket, as the identity provider names them.</summary>
    public string? AssigneeId { get; init; }
    public List<string?>? Tags { get; init; }
    public Dictionary<string, string?>? ExternalIds { get; init; }
    /// <summary>Custom field values by key, checked against the workspace's field definitions.</summary>
    public System.Text.Json.Nodes.JsonObject? Custom { get; init; }

    public static TicketInput From(TicketDetails d) => new()
    {
        Subject = d.Subject,
        Description = d.Description,
        PipelineId = d.PipelineId,
        Stage = d.Stage,
        Priority = d.Priority,
        Channel = d.Channel,
        RequesterId = d.RequesterId,
        CompanyId = d.CompanyId,
        AssigneeId = d.AssigneeId,
        Tags = [.. d.Tags],
        ExternalIds = d.ExternalIds.ToDictionary(p => p.Key, p => (string?)p.Value),
    };
}
