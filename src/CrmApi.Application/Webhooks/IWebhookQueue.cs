using CrmApi.Domain.Webhooks;

namespace CrmApi.Application.Webhooks;

/// <summary>
/// Writes webhook messages in bulk rather than tracked one by one: a dispatched batch (the workspace's checkpoint moved
/// on and one new message per event and endpoint, thousands at a time) and the outcome of a delivered batch (each
/// message's new state and its attempt). Per row, the change tracker cost more than the rest of dispatch and delivery.
/// </summary>
public interface IWebhookQueue
{
    /// <summary>
    /// Writes <paramref name="checkpoint"/> (new when <paramref name="previousVersion"/> is null, otherwise only if it is
    /// still at that version) and inserts <paramref name="messages"/> (all of the checkpoint's workspace). Returns false,
    /// writing nothing, when another dispatcher moved the checkpoint or queued one of the messages first.
    /// </summary>
    Task<bool> EnqueueAsync(WebhookCheckpoint checkpoint, long? previousVersion, IReadOnlyList<WebhookMessage> messages, CancellationToken ct);

    /// <summary>
    /// Writes the state of <paramref name="messages"/> as they now are (after an attempt or abandoned; loaded without
    /// tracking) and inserts <paramref name="attempts"/>, in one transaction.
    /// </summary>
    Task RecordAsync(IReadOnlyList<WebhookMessage> messages, IReadOnlyList<WebhookAttempt> attempts, CancellationToken ct);
}
