using CrmApi.Domain.Deals;

namespace CrmApi.Application.Deals;

/// <summary>
/// The writable fields of a deal: the body of a create, and the shape a merge patch applies to. Without
/// <c>pipelineId</c> a deal goes to the workspace's default deal pipeline, without <c>stage</c> (a stage key) to its
/// pipeline's first stage; moving a deal is a patch of <c>stage</c>.
/// </summary>
public sealed class DealInput
{
    public string? Name { get; init; }
    public decimal? Amount { get; init; }
    /// <summary>ISO 4217; required with an amount.</summary>
    public string? Currency { get; init; }
    public Guid? PipelineId { get; init; }
    public string? Stage { get; init; }
    public string? OwnerId { get; init; }
    public DateOnly? ExpectedCloseDate { get; init; }
    public string? LostReason { get; init; }
    public string? Source { get; init; }
    public List<DealContactInput?>? Contacts { get; init; }
    public List<Guid>? CompanyIds { get; init; }
    public Dictionary<string, string?>? ExternalIds { get; init; }
    /// <summary>Custom field values by key (<c>{ "tier": "gold" }</c>), checked against the workspace's field definitions.</summary>
    public System.Text.Json.Nodes.JsonObject? Custom { get; init; }

    public static DealInput From(DealDetails d) => new()
    {
        Name = d.Name,
        Amount = d.Amount,
        Currency = d.Currency,
        PipelineId = d.PipelineId,
        Stage = d.Stage,
        OwnerId = d.OwnerId,
        ExpectedCloseDate = d.ExpectedCloseDate,
        LostReason = d.LostReason,
        Source = d.Source,
        Contacts = [.. d.Contacts.Select(c => new DealContactInput { ContactId = c.ContactId, Role = c.Role })],
        CompanyIds = [.. d.CompanyIds],
        ExternalIds = d.ExternalIds.ToDictionary(p => p.Key, p => (string?)p.Value),
    };
}
