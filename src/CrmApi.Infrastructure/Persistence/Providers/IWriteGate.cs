namespace CrmApi.Infrastructure.Persistence.Providers;

/// <summary>Serialises writes where the database allows only one writer at a time.</summary>
public interface IWriteGate
{
    ValueTask<IDisposable> EnterAsync(CancellationToken ct);
}
