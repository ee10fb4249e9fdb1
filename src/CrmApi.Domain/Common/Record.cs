namespace CrmApi.Domain.Common;

/// <summary>
/// What every CRM record shares: a UUIDv7 id, its workspace, timestamps, a version that grows by one
/// on every change (the ETag), and a soft-delete marker.
/// </summary>
public abstract class Record : IWorkspaceOwned
{
    /// <summary>For the data layer, which sets every property itself.</summary>
    protected Record() { }

    protected Record(Guid id, Guid workspaceId, DateTimeOffset now)
    {
        now = Truncate(now);
        Id = id;
        WorkspaceId = workspaceId;
        CreatedAt = now;
        UpdatedAt = now;
        Version = 1;
    }

    public Guid Id { get; private set; }
    public Guid WorkspaceId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public long Version { get; private set; }
    public DateTimeOffset? DeletedAt { get; private set; }

    public bool IsDeleted => DeletedAt is not null;

    /// <summary>Times keep microseconds, the finest every supported database stores, so a write and a later read agree.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % 10, TimeSpan.Zero);

    protected void Touch(DateTimeOffset now)
    {
        now = Truncate(now);
        UpdatedAt = now;
        Version++;
    }

    public void Delete(DateTimeOffset now)
    {
        if (IsDeleted) return;
        DeletedAt = Truncate(now);
        Touch(now);
    }

    public void Restore(DateTimeOffset now)
    {
        if (!IsDeleted) return;
        DeletedAt = null;
        Touch(now);
    }
}
