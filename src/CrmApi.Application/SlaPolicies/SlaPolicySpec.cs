using CrmApi.Domain.Tickets;

namespace CrmApi.Application.SlaPolicies;

/// <summary>A validated SLA policy: <see cref="Conditions"/> as compact JSON text (null: every ticket), <see cref="Position"/> null for last.</summary>
public sealed record SlaPolicySpec(string Name, int? Position, string? Conditions, SlaPolicy Policy);
