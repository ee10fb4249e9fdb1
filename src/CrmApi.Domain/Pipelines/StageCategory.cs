namespace CrmApi.Domain.Pipelines;

/// <summary>Whether a deal in a stage is still being worked, or was won or lost.</summary>
public enum StageCategory
{
    Open,
    Won,
    Lost,
}
