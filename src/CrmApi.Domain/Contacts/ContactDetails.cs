using CrmApi.Domain.Common;
using CrmApi.Domain.CustomFields;

namespace CrmApi.Domain.Contacts;

/// <summary>
/// Everything a client can write on a contact, already validated and normalised.
/// Emails and phones are ordered with the primary one first.
/// </summary>
public sealed record ContactDetails(
    string? FirstName,
    string? LastName,
    IReadOnlyList<string> Emails,
    IReadOnlyList<string> Phones,
    string? JobTitle,
    LifecycleStage? LifecycleStage,
    string? Source,
    string? OwnerId,
    Address Address,
    IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, string> ExternalIds,
    CustomSlots? Custom = null);
