using System.Text.Json;
using CrmApi.Application.Records;
using CrmApi.Domain.Tickets;

namespace CrmApi.Application.SlaPolicies;

/// <summary>
/// An SLA policy. <see cref="Conditions"/> is null when it matches every ticket. A deleted policy (<see cref="DeletedAt"/>
/// set) still governs the tickets it had, and keeps the position it had when it was deleted.
/// </summary>
public sealed record SlaPolicyDto(
    Guid Id,
    string Name,
    int Position,
    JsonElement? Conditions,
    SlaCalendarDto Calendar,
    SlaTargetsDto Targets,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? DeletedAt,
    long Version) : IRecordDto
{
    public static SlaPolicyDto From(SlaPolicyDefinition p) => new(
        p.Id, p.Name, p.Position, p.Conditions is null ? null : JsonDocument.Parse(p.Conditions).RootElement.Clone(),
        SlaCalendarDto.From(p.Policy.Calendar), SlaTargetsDto.From(p.Policy), p.CreatedAt, p.UpdatedAt, p.DeletedAt, p.Version);
}
