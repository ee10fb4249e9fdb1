namespace CrmApi.Application.Deals;

/// <summary>
/// The <c>data</c> of a <c>deal.stage_changed</c> event: the stage the deal left and the one it entered, how long it
/// stayed in the one it left, and the deal after the change.
/// </summary>
public sealed record DealStageChangeDto(Guid DealId, StageRefDto From, StageRefDto To, long SecondsInFrom, DateTimeOffset ChangedAt, DealDto Deal);
