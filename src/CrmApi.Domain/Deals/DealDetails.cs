using CrmApi.Domain.CustomFields;
using CrmApi.Domain.Pipelines;

namespace CrmApi.Domain.Deals;

/// <summary>
/// Everything a client can write on a deal, validated and normalised. <see cref="PipelineId"/> and <see cref="Stage"/>
/// may be left out by the client; they are filled in (default pipeline, its first stage) together with
/// <see cref="StageCategory"/>, which the stage decides, before a deal is created or changed.
/// </summary>
public sealed record DealDetails(
    string Name,
    decimal? Amount,
    string? Currency,
    Guid? PipelineId,
    string? Stage,
    string? OwnerId,
    DateOnly? ExpectedCloseDate,
    string? LostReason,
    string? Source,
    IReadOnlyList<DealContactLink> Contacts,
    IReadOnlyList<Guid> CompanyIds,
    IReadOnlyDictionary<string, string> ExternalIds,
    CustomSlots? Custom = null,
    StageCategory StageCategory = StageCategory.Open);
