using CrmApi.Domain.CustomFields;

namespace CrmApi.Domain.Tickets;

/// <summary>
/// Everything a client can write on a ticket, validated and normalised. <see cref="PipelineId"/> and
/// <see cref="Stage"/> may be left out; they are filled in (default ticket pipeline, its first stage) together with
/// <see cref="State"/>, which the stage decides. <see cref="SlaPolicyId"/> is the policy that matches the ticket as
/// described, chosen by the application; the ticket takes it on creation and when its priority changes.
/// </summary>
public sealed record TicketDetails(
    string Subject,
    string? Description,
    Guid? PipelineId,
    string? Stage,
    TicketPriority Priority,
    TicketChannel? Channel,
    Guid? RequesterId,
    Guid? CompanyId,
    string? AssigneeId,
    IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, string> ExternalIds,
    CustomSlots? Custom = null,
    TicketState State = TicketState.New,
    Guid? SlaPolicyId = null);
