using CrmApi.Application.Common;
using CrmApi.Domain.Contacts;

namespace CrmApi.Application.Contacts;

/// <summary>The writable fields of a contact: the body of a create, and the shape a merge patch applies to.</summary>
public sealed class ContactInput
{
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public List<ContactPointInput?>? Emails { get; init; }
    public List<ContactPointInput?>? Phones { get; init; }
    public string? JobTitle { get; init; }
    public LifecycleStage? LifecycleStage { get; init; }
    public string? Source { get; init; }
    public string? OwnerId { get; init; }
    public AddressInput? Address { get; init; }
    public List<string?>? Tags { get; init; }
    public Dictionary<string, string?>? ExternalIds { get; init; }
    /// <summary>Custom field values by key (<c>{ "tier": "gold" }</c>), checked against the workspace's field definitions.</summary>
    public System.Text.Json.Nodes.JsonObject? Custom { get; init; }

    public static ContactInput From(ContactDetails d) => new()
    {
        FirstName = d.FirstName,
        LastName = d.LastName,
        Emails = [.. d.Emails.Select((e, i) => new ContactPointInput { Value = e, Primary = i == 0 })],
        Phones = [.. d.Phones.Select((p, i) => new ContactPointInput { Value = p, Primary = i == 0 })],
        JobTitle = d.JobTitle,
        LifecycleStage = d.LifecycleStage,
        Source = d.Source,
        OwnerId = d.OwnerId,
        Address = AddressInput.From(d.Address),
        Tags = [.. d.Tags],
        ExternalIds = d.ExternalIds.ToDictionary(p => p.Key, p => (string?)p.Value),
    };
}
