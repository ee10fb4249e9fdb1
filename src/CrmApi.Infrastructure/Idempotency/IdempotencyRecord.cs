namespace CrmApi.Infrastructure.Idempotency;

/// <summary>
/// One <c>Idempotency-Key</c> of one workspace: claimed (in progress) when its first request starts, completed with that
/// request's response when it ends. It lives here rather than in the Domain because it is HTTP retry bookkeeping, not a
/// CRM concept: no use case reads or writes it, only the store behind <c>IIdempotencyStore</c>. It is deliberately not
/// <c>IWorkspaceOwned</c>: the platform admin's keys belong to no workspace, and the store names the workspace in every
/// query itself.
/// </summary>
public sealed class IdempotencyRecord
{
    private IdempotencyRecord()
    {
        Key = Fingerprint = "";
    }

    public IdempotencyRecord(Guid id, Guid workspaceId, string key, string fingerprint, DateTimeOffset createdAt)
    {
        Id = id;
        WorkspaceId = workspaceId;
        Key = key;
        Fingerprint = fingerprint;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }
    /// <summary>The API key's workspace, or <see cref="Guid.Empty"/> for the platform admin.</summary>
    public Guid WorkspaceId { get; private set; }
    public string Key { get; private set; }
    /// <summary>SHA-256 (hex) over the method, path and query, and the SHA-256 of the body.</summary>
    public string Fingerprint { get; private set; }
    /// <summary>When the key was claimed; the retention counts from here.</summary>
    public DateTimeOffset CreatedAt { get; private set; }
    /// <summary>Null while the first request runs.</summary>
    public DateTimeOffset? CompletedAt { get; private set; }
    public int? StatusCode { get; private set; }
    public string? ContentType { get; private set; }
    public string? Location { get; private set; }
    public string? ETag { get; private set; }
    public byte[]? Body { get; private set; }
}
