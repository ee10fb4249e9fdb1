namespace CrmApi.Domain.Events;

/// <summary>
/// Per workspace: the last position handed out, and the last one removed by retention (cursors before it are gone).
/// Reserving positions updates this row, so concurrent writers of one workspace take turns from that moment until
/// they commit, and positions become visible in order.
/// </summary>
public sealed class EventSequence
{
    public Guid WorkspaceId { get; private set; }
    public long Last { get; private set; }
    public long PrunedThrough { get; private set; }

    public void MarkPruned(long through)
    {
        if (through > PrunedThrough) PrunedThrough = through;
    }
}
