using CrmApi.Domain.Common;

namespace CrmApi.Domain.Webhooks;

/// <summary>
/// A subscriber's URL and the events it wants. Its signing secret is kept protected (the application encrypts it before
/// it gets here); after a rotation the previous secret signs alongside the new one until it expires. An endpoint can
/// be disabled by its owner or by the delivery rules (410 Gone, or every delivery failing for days), saying why.
/// </summary>
public sealed class WebhookEndpoint : IWorkspaceOwned
{
    public const int EventTypesMax = 50;

    private WebhookEndpoint()
    {
        Url = ProtectedSecret = "";
    }

    public WebhookEndpoint(Guid id, Guid workspaceId, string url, IReadOnlyList<string> eventTypes, string? filter, string? description,
        bool enabled, string protectedSecret, long startAfterSequence, DateTimeOffset now)
    {
        Id = id;
        WorkspaceId = workspaceId;
        ProtectedSecret = protectedSecret;
        StartAfterSequence = startAfterSequence;
        CreatedAt = UpdatedAt = Record.Truncate(now);
        Version = 1;
        Url = url;
        EventTypes = [.. eventTypes];
        Filter = filter;
        Description = description;
        Enabled = enabled;
    }

    public Guid Id { get; private set; }
    public Guid WorkspaceId { get; private set; }
    public string Url { get; private set; }
    /// <summary>Event type patterns: <c>deal.*</c>, <c>ticket.created</c>, <c>*</c>.</summary>
    public List<string> EventTypes { get; private set; } = [];
    /// <summary>A filter (the shared filter language, as JSON text) the event's record must meet; null for none.</summary>
    public string? Filter { get; private set; }
    public string? Description { get; private set; }
    public bool Enabled { get; private set; }
    /// <summary>Why the endpoint is disabled: <c>manual</c>, <c>gone</c> (it answered 410) or <c>failing</c>.</summary>
    public string? DisabledReason { get; private set; }
    public DateTimeOffset? DisabledAt { get; private set; }
    public string ProtectedSecret { get; private set; }
    public string? PreviousProtectedSecret { get; private set; }
    public DateTimeOffset? PreviousSecretExpiresAt { get; private set; }
    /// <summary>The workspace's last event position when the endpoint was made: it gets the events after it.</summary>
    public long StartAfterSequence { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public long Version { get; private set; }

    /// <summary>Applies the subscriber's settings; enabling clears the reason it was disabled. Says whether anything changed.</summary>
    public bool Change(string url, IReadOnlyList<string> eventTypes, string? filter, string? description, bool enabled, DateTimeOffset now)
    {
        var changed = Url != url || !EventTypes.SequenceEqual(eventTypes) || Filter != filter || Description != description || Enabled != enabled;
        if (!changed) return false;
        Url = url;
        EventTypes = [.. eventTypes];
        Filter = filter;
        Description = description;
        if (enabled && !Enabled)
        {
            DisabledReason = null;
            DisabledAt = null;
        }
        else if (!enabled && Enabled)
        {
            DisabledReason = "manual";
            DisabledAt = Record.Truncate(now);
        }
        Enabled = enabled;
        Touch(now);
        return true;
    }

    /// <summary>Stops deliveries for a reason of the delivery rules; false when it was already disabled.</summary>
    public bool Disable(string reason, DateTimeOffset now)
    {
        if (!Enabled) return false;
        Enabled = false;
        DisabledReason = reason;
        DisabledAt = Record.Truncate(now);
        Touch(now);
        return true;
    }

    /// <summary>A new secret signs from now on; the current one keeps signing beside it until <paramref name="overlapUntil"/>.</summary>
    public void RotateSecret(string protectedSecret, DateTimeOffset overlapUntil, DateTimeOffset now)
    {
        PreviousProtectedSecret = ProtectedSecret;
        PreviousSecretExpiresAt = Record.Truncate(overlapUntil);
        ProtectedSecret = protectedSecret;
        Touch(now);
    }

    /// <summary>The protected secrets that sign at <paramref name="at"/>, the current one first.</summary>
    public IReadOnlyList<string> SigningSecrets(DateTimeOffset at)
        => PreviousProtectedSecret is { } previous && PreviousSecretExpiresAt > at ? [ProtectedSecret, previous] : [ProtectedSecret];

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = Record.Truncate(now);
        Version++;
    }
}
