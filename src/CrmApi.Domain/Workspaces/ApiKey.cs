using CrmApi.Domain.Common;

namespace CrmApi.Domain.Workspaces;

/// <summary>
/// A workspace credential. Only a SHA-256 hash of the secret is kept; the secret itself is shown once.
/// </summary>
public sealed class ApiKey : IWorkspaceOwned
{
    private ApiKey()
    {
        Name = Hash = Prefix = "";
        Scopes = [];
    }

    public ApiKey(Guid id, Guid workspaceId, string name, string hash, string prefix, IReadOnlyList<string> scopes,
        DateTimeOffset createdAt, DateTimeOffset? expiresAt)
    {
        Id = id;
        WorkspaceId = workspaceId;
        Name = name;
        Hash = hash;
        Prefix = prefix;
        Scopes = [.. scopes];
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
    }

    public Guid Id { get; private set; }
    public Guid WorkspaceId { get; private set; }
    public string Name { get; private set; }
    public string Hash { get; private set; }
    /// <summary>The first characters of the key, so a person can tell keys apart without the secret.</summary>
    public string Prefix { get; private set; }
    public List<string> Scopes { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ExpiresAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;
}
