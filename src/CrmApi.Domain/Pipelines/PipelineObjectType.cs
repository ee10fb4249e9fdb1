namespace CrmApi.Domain.Pipelines;

/// <summary>What a pipeline's stages hold: deals or tickets.</summary>
public enum PipelineObjectType
{
    Deal,
    Ticket,
}
