using System.Text.Json.Nodes;
using CrmApi.Application.Common;
using CrmApi.Application.Common.Validation;
using CrmApi.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace CrmApi.Application.ApiKeys;

/// <summary>Issuing, listing, revoking and checking API keys.</summary>
public sealed class ApiKeyHandlers(ICrmDbContext db, WorkspaceContext workspace, TimeProvider clock, SharedReadCache<string, ApiKey> cache)
{
    public async Task<Result<CreatedApiKeyDto>> CreateAsync(JsonObject body, CancellationToken ct)
    {
        var input = JsonInput.Read<CreateApiKeyInput>(body);
        if (!input.IsSuccess) return Result<CreatedApiKeyDto>.Fail(input.Errors);
        var errors = new List<Error>();
        var name = Rules.RequiredText(errors, "name", input.Value!.Name, Rules.NameMax);
        var scopes = ValidateScopes(errors, input.Value.Scopes);
        var now = clock.GetUtcNow();
        if (input.Value.ExpiresAt is { } expires && expires <= now)
            errors.Add(Error.Validation("expiresAt", "'expiresAt' must be in the future."));
        if (errors.Count > 0) return Result<CreatedApiKeyDto>.Fail(errors);
        if (await EscalationsAsync(input.Value.Scopes!, ct) is { Count: > 0 } escalations) return Result<CreatedApiKeyDto>.Fail(escalations);

        var created = Issue(workspace.RequiredId, name, scopes, input.Value.ExpiresAt?.ToUniversalTime(), now);
        return await Writes.SaveAsync(db, ct) is { } error ? error : created;
    }

    /// <summary>Adds a new key to the unit of work and returns it with its secret.</summary>
    public CreatedApiKeyDto Issue(Guid workspaceId, string name, IReadOnlyList<string> scopes, DateTimeOffset? expiresAt, DateTimeOffset now)
    {
        var secret = ApiKeySecret.Generate();
        var key = new ApiKey(Guid.CreateVersion7(now), workspaceId, name, ApiKeySecret.Hash(secret), ApiKeySecret.Display(secret),
            scopes, now, expiresAt);
        db.ApiKeys.Add(key);
        return new CreatedApiKeyDto(key.Id, key.Name, secret, key.Prefix, key.Scopes, key.CreatedAt, key.ExpiresAt);
    }

    public async Task<IReadOnlyList<ApiKeyDto>> ListAsync(CancellationToken ct)
    {
        var keys = await db.ApiKeys.OrderBy(k => k.Id).ToListAsync(ct);
        return [.. keys.Select(ApiKeyDto.From)];
    }

    /// <summary>Revokes at once: the next request with the key is refused.</summary>
    public async Task<Result<Unit>> RevokeAsync(Guid id, CancellationToken ct)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, ct);
        if (key is null) return Error.NotFound("API key");
        key.Revoke(clock.GetUtcNow());
        if (await Writes.SaveAsync(db, ct) is { } error) return error;
        cache.Invalidate(key.Hash);
        return Unit.Value;
    }

    /// <summary>The identity behind a presented secret, or null when it is unknown, expired or revoked.</summary>
    public async Task<ApiKeyIdentity?> AuthenticateAsync(string presented, CancellationToken ct)
    {
        if (!presented.StartsWith(ApiKeySecret.Prefix, StringComparison.Ordinal) || presented.Length > 100) return null;
        var hash = ApiKeySecret.Hash(presented);
        // Every request presents its key: reuse a recent read (revocation here drops it at once).
        if (!cache.TryGet(hash, out var key))
        {
            var generation = cache.Generation(hash);
            // Before authentication there is no workspace yet: look the key up across workspaces, by its hash only.
            key = await db.ApiKeys.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(k => k.Hash == hash, ct);
            if (key is null) return null;
            cache.Set(hash, key, generation);
        }
        return key is not null && key.IsActive(clock.GetUtcNow()) ? new ApiKeyIdentity(key.WorkspaceId, key.Id, key.Scopes) : null;
    }

    /// <summary>
    /// A key may only issue keys with scopes it holds itself: otherwise an <c>api-keys:manage</c> key could mint a
    /// <c>*</c> key and so do anything.
    /// </summary>
    private async Task<List<Error>> EscalationsAsync(List<string?> requested, CancellationToken ct)
    {
        if (workspace.ActorType != "apiKey") return [];
        var callerId = Guid.TryParse(workspace.ActorId, out var id) ? id : Guid.Empty;
        var caller = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == callerId, ct);
        IReadOnlyList<string> held = caller?.Scopes ?? [];
        var errors = new List<Error>();
        for (var i = 0; i < requested.Count; i++)
        {
            if (requested[i] is { } scope && !Scopes.Grants(held, scope))
                errors.Add(new Error(ErrorCodes.Forbidden, $"The API key making this request does not hold '{scope}', so it cannot grant it.", $"scopes[{i}]"));
        }
        return errors;
    }

    private static List<string> ValidateScopes(List<Error> errors, List<string?>? scopes)
    {
        if (scopes is null || scopes.Count == 0)
        {
            errors.Add(Error.Validation("scopes", $"'scopes' needs at least one of: {string.Join(", ", Scopes.Known)}."));
            return [];
        }
        var result = new List<string>();
        for (var i = 0; i < scopes.Count; i++)
        {
            if (scopes[i] is { } s && Scopes.Known.Contains(s)) { if (!result.Contains(s)) result.Add(s); }
            else errors.Add(Error.Validation($"scopes[{i}]", $"Unknown scope '{scopes[i]}'. Known: {string.Join(", ", Scopes.Known)}."));
        }
        return result;
    }
}
