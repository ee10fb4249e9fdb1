using CrmApi.Application.Common.Validation;
using CrmApi.Domain.Deals;
using CrmApi.Domain.Pipelines;

namespace CrmApi.Application.Deals;

/// <summary>
/// A deal as the API returns it. <c>stageCategory</c>, <c>stageEnteredAt</c> and <c>closedAt</c> are kept by the server:
/// entering a won or lost stage sets <c>closedAt</c>, entering an open one clears it.
/// </summary>
public sealed record DealDto(
    Guid Id,
    string Name,
    decimal? Amount,
    string? Currency,
    Guid PipelineId,
    string Stage,
    StageCategory StageCategory,
    DateTimeOffset StageEnteredAt,
    string? OwnerId,
    DateOnly? ExpectedCloseDate,
    DateTimeOffset? ClosedAt,
    string? LostReason,
    string? Source,
    IReadOnlyList<DealContactDto> Contacts,
    IReadOnlyList<Guid> CompanyIds,
    IReadOnlyDictionary<string, string> ExternalIds,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version) : Records.IRecordDto
{
    /// <summary>Custom field values by key; set by the record use cases, which know the workspace's fields.</summary>
    public System.Text.Json.Nodes.JsonObject Custom { get; init; } = [];

    public static DealDto From(Deal d) => new(
        d.Id, d.Name, Rules.Plain(d.Amount), d.Currency, d.PipelineId, d.Stage, d.StageCategory, d.StageEnteredAt, d.OwnerId, d.ExpectedCloseDate,
        d.ClosedAt, d.LostReason, d.Source,
        [.. d.Contacts.OrderBy(c => c.ContactId).Select(c => new DealContactDto(c.ContactId, c.Role))],
        [.. d.Companies.Select(c => c.CompanyId).Order()],
        Domain.Common.ExternalIds.ToMap(d.ExternalIds), d.CreatedAt, d.UpdatedAt, d.Version);
}
