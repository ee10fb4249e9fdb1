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

    /// <summary>A ticket entered another stage; <c>data</c> holds from, to (with their states) and the time spent in from.</summary>
    public const string TicketStatusChanged = "ticket.status_changed";
    /// <summary>A ticket's assignee became someone (from someone else or from nobody).</summary>
    public const string TicketAssigned = "ticket.assigned";
    public const string TicketCommentAdded = "ticket.comment_added";
    /// <summary>A ticket entered a solved or closed state from an unresolved one.</summary>
    public const string TicketSolved = "ticket.solved";
    /// <summary>A ticket left a solved or closed state for new, open or pending.</summary>
    public const string TicketReopened = "ticket.reopened";
    /// <summary>A ticket missed an SLA target; once per ticket and target.</summary>
    public const string TicketSlaBreached = "ticket.sla_breached";
    public const string TicketSatisfactionReceived = "ticket.satisfaction_received";

    /// <summary>Sent to one endpoint on request (<c>POST /webhooks/{id}/test</c>); never in the change feed.</summary>
    public const string WebhookTest = "webhook.test";
    /// <summary>A webhook message failed every attempt of the retry schedule.</summary>
    public const string WebhookDeliveryExhausted = "webhook.delivery_exhausted";
    /// <summary>An endpoint was disabled by the delivery rules: it answered 410, or every delivery failed for 5 days.</summary>
    public const string WebhookDisabled = "webhook.disabled";

    /// <summary>A record became a member of a segment (it met the filter, or was added by hand).</summary>
    public const string SegmentEntered = "segment.entered";
    /// <summary>A record stopped being a member of a segment.</summary>
    public const string SegmentExited = "segment.exited";

    public static string For(string objectType, string action) => $"{objectType}.{action}";

    /// <summary>The object types that have record events.</summary>
    public static readonly IReadOnlyList<string> RecordObjects = ["contact", "company", "activity", "deal", "ticket"];

    public static IReadOnlyList<string> All { get; } =
    [
        .. RecordObjects.SelectMany(o => new[] { Created, Updated, Deleted, Restored }.Select(a => For(o, a))),
        AssociationAdded, AssociationUpdated, AssociationRemoved,
        DealStageChanged, DealWon, DealLost,
        TicketStatusChanged, TicketAssigned, TicketCommentAdded, TicketSolved, TicketReopened, TicketSlaBreached, TicketSatisfactionReceived,
        WebhookTest, WebhookDeliveryExhausted, WebhookDisabled,
        SegmentEntered, SegmentExited,
    ];
}
