namespace CrmApi.Application.Records;

/// <summary>What the transport needs of any record representation: its id (Location) and version (ETag).</summary>
public interface IRecordDto
{
    Guid Id { get; }
    long Version { get; }
}
