namespace CrmApi.Application.Pipelines;

/// <summary>
/// What a merge patch of a pipeline may change: its name, and whether it is its object type's default. Stages change
/// through their own routes; the object type never changes.
/// </summary>
public sealed class PipelinePatchInput
{
    public string? Name { get; init; }
    public bool? IsDefault { get; init; }
}
