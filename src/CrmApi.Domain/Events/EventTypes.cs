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

    /// <summary>A deal entered another stage; <c>data</c> holds from, to and the time spent in from.</summary>
    public const string DealStageChanged = "deal.stage_changed";
    /// <summary>A deal entered a won stage from one that was not won (or was created in one).</summary>
    public const string DealWon = "deal.won";
    /// <summary>A deal entered a lost stage from one that was not lost (or was created in one).</summary>
    public const string DealLost = "deal.lost";

    public static string For(string objectType, string action) => $"{objectType}.{action}";

    /// <summary>The object types that have record events.</summary>
    public static readonly IReadOnlyList<string> RecordObjects = ["contact", "company", "activity", "deal"];

    public static IReadOnlyList<string> All { get; } =
    [
        .. RecordObjects.SelectMany(o => new[] { Created, Updated, Deleted, Restored }.Select(a => For(o, a))),
        AssociationAdded, AssociationUpdated, AssociationRemoved,
        DealStageChanged, DealWon, DealLost,
    ];
}
