using CrmApi.Domain.Common;

namespace CrmApi.Domain.Events;

/// <summary>
/// One change to one record, written in the same transaction as the change. <see cref="Sequence"/> grows by one per
/// event within a workspace and is assigned when the transaction saves, in commit order: a reader that has seen
/// position N will never later find an event below N.
/// </summary>
public sealed class Event : IWorkspaceOwned
{
    private Event()
    {
        Type = ObjectType = ActorType = "";
    }

    public Event(Guid id, Guid workspaceId, string type, DateTimeOffset occurredAt, string objectType, Guid objectId,
        string actorType, string? actorId, string? changes, string? data, string? relatedType = null, Guid? relatedId = null)
    {
        Id = id;
        WorkspaceId = workspaceId;
        Type = type;
        OccurredAt = Record.Truncate(occurredAt);
        ObjectType = objectType;
        ObjectId = objectId;
        ActorType = actorType;
        ActorId = actorId;
        Changes = changes;
        Data = data;
        RelatedType = relatedType;
        RelatedId = relatedId;
    }

    public Guid Id { get; private set; }
    public Guid WorkspaceId { get; private set; }
    public long Sequence { get; private set; }
    /// <summary><c>contact.updated</c>, <c>association.added</c>, …</summary>
    public string Type { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }
    public string ObjectType { get; private set; }
    public Guid ObjectId { get; private set; }
    /// <summary><c>apiKey</c> or <c>system</c>.</summary>
    public string ActorType { get; private set; }
    public string? ActorId { get; private set; }
    /// <summary>For updates, JSON: <c>{ "email": { "before": …, "after": … } }</c>.</summary>
    public string? Changes { get; private set; }
    /// <summary>JSON: the record after the change.</summary>
    public string? Data { get; private set; }
    /// <summary>The other side of an association event (the company a contact was linked to), so its timeline shows it too.</summary>
    public string? RelatedType { get; private set; }
    public Guid? RelatedId { get; private set; }

    /// <summary>Set by the data layer as the transaction saves; a failed save that is retried assigns it again.</summary>
    public void AssignSequence(long sequence) => Sequence = sequence;
}
