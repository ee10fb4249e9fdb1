namespace CrmApi.Application.Webhooks;

/// <summary>Hands due webhook messages (of any workspace) to one worker at a time by leasing them.</summary>
public interface IWebhookLeases
{
    /// <summary>
    /// Leases up to <paramref name="max"/> pending messages due at <paramref name="now"/> whose lease is free or ran out
    /// to <paramref name="owner"/> until <paramref name="until"/>, earliest due first, none of the endpoints in
    /// <paramref name="skip"/>, and returns them. Messages another worker is leasing at the same moment are passed over,
    /// not waited for.
    /// </summary>
    Task<IReadOnlyList<ClaimedMessage>> ClaimAsync(
        string owner, int max, DateTimeOffset now, DateTimeOffset until, IReadOnlyCollection<Guid> skip, CancellationToken ct);
}
