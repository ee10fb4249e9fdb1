namespace CrmApi.Domain.Events;

/// <summary>The event types of the public contract. Names never change once shipped.</summary>
public static class EventTypes
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Deleted = "deleted";
    public const string Restored = "restored";

    public const string AssociationAdded = "association.added";
    public const string AssociationUpdated = "association.updated";
    public const string AssociationRemoved = "association.removed";

    public static string For(string objectType, string action) => $"{objectType}.{action}";

    /// <summary>The object types that have record events.</summary>
    public static readonly IReadOnlyList<string> RecordObjects = ["contact", "company", "activity"];

    public static IReadOnlyList<string> All { get; } =
    [
        .. RecordObjects.SelectMany(o => new[] { Created, Updated, Deleted, Restored }.Select(a => For(o, a))),
        AssociationAdded, AssociationUpdated, AssociationRemoved,
    ];
}
