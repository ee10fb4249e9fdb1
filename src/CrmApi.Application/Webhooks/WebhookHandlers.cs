using System.Text.Json;
using System.Text.Json.Nodes;
using CrmApi.Application.Common;
using CrmApi.Application.Common.Validation;
using CrmApi.Application.Events;
using CrmApi.Application.Records;
using CrmApi.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace CrmApi.Application.Webhooks;

/// <summary>
/// Webhook endpoints of the current workspace: CRUD, secret rotation, a test message, the delivery log with retry and
/// recovery. Deliveries themselves are the dispatcher's and the deliverer's.
/// </summary>
public sealed class WebhookHandlers(
    ICrmDbContext db, WorkspaceContext workspace, ISecretProtector secrets, WebhookNetworkRules rules, RecordFilters filters, TimeProvider clock)
{
    public const int EndpointsMax = 50;
    public const int DescriptionMax = 500;
    public static readonly TimeSpan RotationOverlap = TimeSpan.FromHours(24);
    public const int DeliveriesDefaultLimit = 50;
    public const int DeliveriesMaxLimit = 200;

    private static readonly Error NotFound = Error.NotFound("webhook");

    public async Task<IReadOnlyList<WebhookDto>> ListAsync(CancellationToken ct)
        => [.. (await db.WebhookEndpoints.AsNoTracking().OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).ToListAsync(ct)).Select(WebhookDto.From)];

    public async Task<Result<WebhookDto>> GetAsync(Guid id, CancellationToken ct)
        => await db.WebhookEndpoints.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct) is { } e ? WebhookDto.From(e) : NotFound;

    /// <summary>Creates an endpoint; the answer carries its secret, once. It gets the events recorded after it.</summary>
    public async Task<Result<WebhookDto>> CreateAsync(JsonObject body, CancellationToken ct)
    {
        var input = JsonInput.Read<WebhookInput>(body);
        if (!input.IsSuccess) return Result<WebhookDto>.Fail(input.Errors);
        var spec = await ValidateAsync(input.Value!, ct);
        if (!spec.IsSuccess) return Result<WebhookDto>.Fail(spec.Errors);
        if (await db.WebhookEndpoints.CountAsync(ct) >= EndpointsMax)
            return Error.Conflict($"A workspace has at most {EndpointsMax} webhook endpoints; delete one first.");

        var s = spec.Value!;
        var now = clock.GetUtcNow();
        var secret = WebhookSigning.NewSecret();
        var last = await EventPositions.LastAsync(db, workspace.RequiredId, ct);
        var endpoint = new WebhookEndpoint(Guid.CreateVersion7(now), workspace.RequiredId, s.Url, s.EventTypes, s.Filter, s.Description, s.Enabled,
            secrets.Protect(secret), last, now);
        db.WebhookEndpoints.Add(endpoint);
        return await Writes.SaveAsync(db, ct) is { } error ? error : WebhookDto.From(endpoint) with { Secret = secret };
    }

    /// <summary>A merge patch of the subscriber's settings, optionally guarded by the version from If-Match.</summary>
    public async Task<Result<WebhookDto>> UpdateAsync(Guid id, JsonObject patch, long? expectedVersion, CancellationToken ct)
    {
        var endpoint = await db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == id, ct);
        if (endpoint is null) return NotFound;
        if (Writes.CheckVersion(expectedVersion, endpoint.Version) is { } stale) return stale;
        var current = new JsonObject
        {
            ["url"] = endpoint.Url,
            ["eventTypes"] = new JsonArray([.. endpoint.EventTypes.Select(t => (JsonNode)t)]),
            ["filter"] = endpoint.Filter is null ? null : JsonNode.Parse(endpoint.Filter),
            ["description"] = endpoint.Description,
            ["enabled"] = endpoint.Enabled,
        };
        if (JsonInput.ReadOnlyViolations(patch) is { Count: > 0 } readOnly) return Result<WebhookDto>.Fail(readOnly);
        var input = JsonInput.Read<WebhookInput>((JsonObject)MergePatch.Apply(current, patch)!);
        if (!input.IsSuccess) return Result<WebhookDto>.Fail(input.Errors);
        var spec = await ValidateAsync(input.Value!, ct);
        if (!spec.IsSuccess) return Result<WebhookDto>.Fail(spec.Errors);
        var s = spec.Value!;
        if (endpoint.Change(s.Url, s.EventTypes, s.Filter, s.Description, s.Enabled, clock.GetUtcNow()) && await Writes.SaveAsync(db, ct) is { } error)
            return error;
        return WebhookDto.From(endpoint);
    }

    /// <summary>Deletes an endpoint with its delivery log; nothing more is sent to it.</summary>
    public async Task<Result<Unit>> DeleteAsync(Guid id, long? expectedVersion, CancellationToken ct)
    {
        var endpoint = await db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == id, ct);
        if (endpoint is null) return NotFound;
        if (Writes.CheckVersion(expectedVersion, endpoint.Version) is { } stale) return stale;
        db.WebhookEndpoints.Remove(endpoint);
        return await Writes.SaveAsync(db, ct) is { } error ? error : Unit.Value;
    }

    /// <summary>A new secret, shown once; the old one keeps signing beside it for 24 hours.</summary>
    public async Task<Result<WebhookDto>> RotateSecretAsync(Guid id, long? expectedVersion, CancellationToken ct)
    {
        var endpoint = await db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == id, ct);
        if (endpoint is null) return NotFound;
        if (Writes.CheckVersion(expectedVersion, endpoint.Version) is { } stale) return stale;
        var now = clock.GetUtcNow();
        var secret = WebhookSigning.NewSecret();
        endpoint.RotateSecret(secrets.Protect(secret), now + RotationOverlap, now);
        return await Writes.SaveAsync(db, ct) is { } error ? error : WebhookDto.From(endpoint) with { Secret = secret };
    }

    /// <summary>Queues a <c>webhook.test</c> message for this endpoint alone (it is not in the change feed), sent like any other.</summary>
    public async Task<Result<WebhookDeliveryDto>> TestAsync(Guid id, CancellationToken ct)
    {
        var endpoint = await db.WebhookEndpoints.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);
        if (endpoint is null) return NotFound;
        var now = clock.GetUtcNow();
        var eventId = Guid.CreateVersion7(now);
        var payload = WebhookPayload.Test(eventId, now, WebhookDto.From(endpoint));
        var message = new WebhookMessage(Guid.CreateVersion7(now), endpoint.WorkspaceId, endpoint.Id, eventId, Domain.Events.EventTypes.WebhookTest, 0, payload, now);
        db.WebhookMessages.Add(message);
        return await Writes.SaveAsync(db, ct) is { } error ? error : WebhookDeliveryDto.From(message, []);
    }

    /// <summary>The endpoint's messages, newest first, with their attempts; <paramref name="state"/> narrows them.</summary>
    public async Task<Result<Querying.Page<WebhookDeliveryDto>>> DeliveriesAsync(Guid id, string? state, int? limit, string? cursor, CancellationToken ct)
    {
        var take = limit ?? DeliveriesDefaultLimit;
        if (Querying.PageLimit.Check(take, DeliveriesMaxLimit) is { } badLimit) return badLimit;
        WebhookMessageState? wanted = null;
        if (state is not null)
        {
            if (!Enum.TryParse<WebhookMessageState>(state, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(state, out _))
                return Error.Validation("state", "'state' is pending, succeeded or failed.");
            wanted = parsed;
        }
        var before = Querying.IdCursor.Parse(cursor);
        if (!before.IsSuccess) return Result<Querying.Page<WebhookDeliveryDto>>.Fail(before.Errors);
        if (!await db.WebhookEndpoints.AnyAsync(e => e.Id == id, ct)) return NotFound;
        var messages = db.WebhookMessages.AsNoTracking().Where(m => m.EndpointId == id);
        if (wanted is { } w) messages = messages.Where(m => m.State == w);
        if (before.Value is { } b) messages = messages.Where(m => m.Id.CompareTo(b) < 0);
        var rows = await messages.OrderByDescending(m => m.Id).Take(take + 1).ToListAsync(ct);
        var page = rows.Take(take).ToList();
        var ids = page.Select(m => m.Id).ToList();
        var attempts = (await db.WebhookAttempts.AsNoTracking().Where(a => ids.Contains(a.MessageId)).ToListAsync(ct)).ToLookup(a => a.MessageId);
        return new Querying.Page<WebhookDeliveryDto>([.. page.Select(m => WebhookDeliveryDto.From(m, attempts[m.Id]))],
            rows.Count > take ? page[^1].Id.ToString() : null);
    }

    /// <summary>Sends a message again now, whatever its state, with a fresh retry schedule.</summary>
    public async Task<Result<WebhookDeliveryDto>> RetryAsync(Guid id, Guid deliveryId, CancellationToken ct)
    {
        var message = await db.WebhookMessages.FirstOrDefaultAsync(m => m.Id == deliveryId && m.EndpointId == id, ct);
        if (message is null) return Error.NotFound("delivery");
        message.Requeue(clock.GetUtcNow());
        if (await Writes.SaveAsync(db, ct) is { } error) return error;
        var attempts = await db.WebhookAttempts.AsNoTracking().Where(a => a.MessageId == message.Id).ToListAsync(ct);
        return WebhookDeliveryDto.From(message, attempts);
    }

    /// <summary>Sends again every message of the endpoint that failed for good since <c>since</c>; answers how many.</summary>
    public async Task<Result<int>> RecoverAsync(Guid id, JsonObject body, CancellationToken ct)
    {
        var input = JsonInput.Read<RecoverInput>(body);
        if (!input.IsSuccess) return Result<int>.Fail(input.Errors);
        if (input.Value!.Since is not { } since) return Error.Validation("since", "'since' (a date-time) is required.");
        var now = clock.GetUtcNow();
        if (since > now) return Error.Validation("since", "'since' is in the future.");
        if (!await db.WebhookEndpoints.AnyAsync(e => e.Id == id, ct)) return NotFound;
        var failed = await db.WebhookMessages.Where(m => m.EndpointId == id && m.State == WebhookMessageState.Failed && m.CreatedAt >= since).ToListAsync(ct);
        foreach (var message in failed) message.Requeue(now);
        return await Writes.SaveAsync(db, ct) is { } error ? error : failed.Count;
    }

    private sealed record Spec(string Url, List<string> EventTypes, string? Filter, string? Description, bool Enabled);

    private async Task<Result<Spec>> ValidateAsync(WebhookInput input, CancellationToken ct)
    {
        var errors = new List<Error>();
        var url = WebhookUrl.Validate(input.Url, rules.AllowHttp, rules.AllowPrivateNetworks);
        errors.AddRange(url.Errors);
        var types = new List<string>();
        if (input.EventTypes is not { Count: > 0 } given) errors.Add(Error.Validation("eventTypes", "Name at least one event type or pattern (deal.*, ticket.created, *)."));
        else if (given.Count > WebhookEndpoint.EventTypesMax) errors.Add(Error.Validation("eventTypes", $"At most {WebhookEndpoint.EventTypesMax} event types."));
        else
        {
            for (var i = 0; i < given.Count; i++)
            {
                var t = given[i]?.Trim();
                if (t is null || !EventTypePattern.IsValid(t)) errors.Add(Error.Validation($"eventTypes[{i}]", $"'{given[i]}' is no event type or pattern; see GET /api/v1/meta/event-types."));
                else if (!types.Contains(t)) types.Add(t);
            }
        }
        var description = Rules.Text(errors, "description", input.Description, DescriptionMax);
        string? filter = null;
        if (input.Filter is { ValueKind: not JsonValueKind.Null } json && errors.Count == 0)
        {
            var objectTypes = types.Select(t => t == "*" ? "*" : t[..t.IndexOf('.')]).Distinct().ToList();
            var parsed = await filters.ParseAsync(objectTypes.Count == 1 ? objectTypes[0] : "*", json, ct);
            if (!parsed.IsSuccess) errors.AddRange(parsed.Errors);
            else filter = parsed.Value?.ToJson();
        }
        return errors.Count > 0
            ? Result<Spec>.Fail(errors)
            : new Spec(url.Value!.ToString(), types, filter, description, input.Enabled ?? true);
    }
}
