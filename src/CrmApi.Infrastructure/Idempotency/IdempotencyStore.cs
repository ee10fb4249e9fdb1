using CrmApi.Application.Common;
using CrmApi.Application.Idempotency;
using CrmApi.Infrastructure.Persistence;
using CrmApi.Infrastructure.Persistence.Providers;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmApi.Infrastructure.Idempotency;

/// <summary>
/// Keys in the <c>idempotency_records</c> table. The unique index on (workspace, key) decides who runs: a claim is an
/// INSERT, and whoever's INSERT fails reads what the winner left. Each operation uses a context of its own, never the
/// request's: the request's unit of work may hold changes that failed to save, which a save here would retry.
/// Stored bodies are encrypted with ASP.NET Core Data Protection: some responses carry secrets shown once (a new API
/// key), and only a key's hash may rest in the database in the clear.
/// </summary>
public sealed class IdempotencyStore(
    IServiceScopeFactory scopes, IDatabaseProvider provider, IOptions<IdempotencyOptions> options, TimeProvider clock,
    IDataProtectionProvider protection)
    : IIdempotencyStore
{
    private readonly IDataProtector _protector = protection.CreateProtector("CrmApi.Idempotency.ResponseBody.v1");

    /// <summary>Each round either claims or finds a live row; only a row vanishing in between (released, expired) repeats one.</summary>
    private const int MaxRounds = 5;

    public async Task<IdempotencyClaim> ClaimAsync(Guid workspaceId, string key, string fingerprint, CancellationToken ct)
    {
        for (var round = 1; ; round++)
        {
            var now = clock.GetUtcNow();
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            var records = db.Set<IdempotencyRecord>();

            var existing = await records.AsNoTracking().SingleOrDefaultAsync(r => r.WorkspaceId == workspaceId && r.Key == key, ct);
            if (existing is not null)
            {
                if (existing.CreatedAt > now - options.Value.Retention) return Describe(existing);
                // Expired: as good as absent. Only this row goes, not a fresh claim that replaced it meanwhile.
                using (await provider.WriteGate.EnterAsync(ct))
                    await records.Where(r => r.Id == existing.Id).ExecuteDeleteAsync(ct);
            }

            var claim = new IdempotencyRecord(Guid.CreateVersion7(now), workspaceId, key, fingerprint, now);
            records.Add(claim);
            try
            {
                await db.SaveChangesAsync(ct);
                return IdempotencyClaim.Claimed(claim.Id, fingerprint);
            }
            catch (UniqueConstraintException) when (round < MaxRounds)
            {
                // A concurrent request claimed the key first: the next round reads what it holds.
            }
        }
    }

    public async Task CompleteAsync(Guid claimId, StoredResponse response, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        using (await provider.WriteGate.EnterAsync(ct))
        {
            await db.Set<IdempotencyRecord>().Where(r => r.Id == claimId && r.CompletedAt == null)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.CompletedAt, now)
                    .SetProperty(r => r.StatusCode, response.StatusCode)
                    .SetProperty(r => r.ContentType, response.ContentType)
                    .SetProperty(r => r.Location, response.Location)
                    .SetProperty(r => r.ETag, response.ETag)
                    .SetProperty(r => r.Body, _protector.Protect(response.Body)), ct);
        }
    }

    public async Task ReleaseAsync(Guid claimId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        using (await provider.WriteGate.EnterAsync(ct))
            await db.Set<IdempotencyRecord>().Where(r => r.Id == claimId && r.CompletedAt == null).ExecuteDeleteAsync(ct);
    }

    private IdempotencyClaim Describe(IdempotencyRecord r)
    {
        if (r.CompletedAt is null) return IdempotencyClaim.InProgress(r.Id, r.Fingerprint);
        byte[] body;
        try
        {
            body = r.Body is { Length: > 0 } sealedBody ? _protector.Unprotect(sealedBody) : [];
        }
        catch (CryptographicException)
        {
            // The key ring that sealed it is gone: the outcome cannot be replayed, and running the request again could
            // do it twice. Answer as if still running until retention removes the row.
            return IdempotencyClaim.InProgress(r.Id, r.Fingerprint);
        }
        return IdempotencyClaim.Completed(r.Id, r.Fingerprint, new StoredResponse(r.StatusCode ?? 0, r.ContentType, r.Location, r.ETag, body));
    }
}
