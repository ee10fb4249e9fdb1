using System.Security.Cryptography;
using System.Text;
using Asp.Versioning;
using CrmApi.Api.Auth;
using CrmApi.Application.Common;
using CrmApi.Application.Idempotency;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace CrmApi.Api.Http;

/// <summary>
/// <c>Idempotency-Key</c> on POST, PATCH, PUT and DELETE under <c>/api/v1</c> (IETF draft "The Idempotency-Key HTTP
/// Header Field"): the first request with a key runs and its response is kept; a retry with the same key and the same
/// request gets that response again with <c>Idempotency-Replayed: true</c> and runs nothing. The same key for another
/// request is 422, the same key while its first request still runs is 409. Runs after authorization: keys belong to the
/// credential's workspace.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, IIdempotencyStore store, ILogger<IdempotencyMiddleware> logger)
{
    public const string KeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotency-Replayed";
    public const int MaxKeyLength = 255;

    /// <summary>The workspace the platform admin's keys are recorded under: it acts in none, and no workspace has this id.</summary>
    public static readonly Guid PlatformScope = Guid.Empty;

    private static readonly PathString Api = "/api/v1";

    public async Task InvokeAsync(HttpContext context, WorkspaceContext workspace)
    {
        var request = context.Request;
        if (!IsUnsafe(request.Method) || !request.Path.StartsWithSegments(Api)
            || !request.Headers.TryGetValue(KeyHeader, out var values))
        {
            await next(context);
            return;
        }

        if (values.Count != 1 || string.IsNullOrWhiteSpace(values[0]) || values[0]!.Length > MaxKeyLength)
        {
            await WriteProblemAsync(context, Error.Validation(KeyHeader, values.Count > 1
                ? $"Send one {KeyHeader} header, not {values.Count}."
                : $"The {KeyHeader} header must be 1 to {MaxKeyLength} characters long."));
            return;
        }
        var key = values[0]!;

        // Without a credential there is nobody to record the key for; the request is refused or not found anyway.
        Guid? scope = workspace.Id ?? (context.User.HasClaim(c => c.Type == CrmClaims.PlatformAdmin) ? PlatformScope : null);
        // A body over the limit is not buffered to be hashed: the endpoint refuses it with 413 as it would without a key.
        if (scope is null || await FingerprintAsync(request, context.RequestAborted) is not { } fingerprint)
        {
            await next(context);
            return;
        }

        var claim = await store.ClaimAsync(scope.Value, key, fingerprint, context.RequestAborted);
        // Reuse for another request is wrong whatever state the first is in, and waiting would not fix it: 422 before 409.
        if (claim.State != IdempotencyClaimState.Claimed && claim.Fingerprint != fingerprint)
        {
            await WriteProblemAsync(context, new Error(ErrorCodes.IdempotencyKeyReused,
                $"The {KeyHeader} '{key}' was used for a different request (method, path, query or body); "
                + "use a new key for a new request."));
            return;
        }
        switch (claim.State)
        {
            case IdempotencyClaimState.InProgress:
                context.Response.Headers.RetryAfter = "1";
                await WriteProblemAsync(context, new Error(ErrorCodes.IdempotencyKeyInUse,
                    $"A request with the {KeyHeader} '{key}' is still in progress; retry after it finishes to get its response."));
                return;
            case IdempotencyClaimState.Completed:
                await ReplayAsync(context, claim.Response!);
                return;
            default:
                await RunAsync(context, claim.Id);
                return;
        }
    }

    /// <summary>
    /// The request's identity for its key: SHA-256 over the method, the path with its query, and the SHA-256 of the body.
    /// </summary>
    internal static string Fingerprint(string method, string pathAndQuery, ReadOnlySpan<byte> bodyHash)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{method}\n{pathAndQuery}\n{Convert.ToHexStringLower(bodyHash)}")));

    private static bool IsUnsafe(string method)
        => HttpMethods.IsPost(method) || HttpMethods.IsPatch(method) || HttpMethods.IsPut(method) || HttpMethods.IsDelete(method);

    /// <summary>
    /// Hashes the body and rewinds it for the endpoint; null when it is over <see cref="JsonBody.MaxBytes"/>, after
    /// buffering at most one byte more.
    /// </summary>
    private static async Task<string?> FingerprintAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > JsonBody.MaxBytes) return null;
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var chunk = new byte[16 * 1024];
        long total = 0;
        int read;
        while ((read = await request.Body.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, JsonBody.MaxBytes + 1 - total)), ct)) > 0)
        {
            total += read;
            if (total > JsonBody.MaxBytes)
            {
                request.Body.Position = 0;
                return null;
            }
            hash.AppendData(chunk, 0, read);
        }
        request.Body.Position = 0;
        return Fingerprint(request.Method, $"{request.PathBase}{request.Path}{request.QueryString}", hash.GetHashAndReset());
    }

    /// <summary>
    /// Runs the request with its response body captured, then keeps the response (a 4xx too: it is the outcome) or, on a
    /// 5xx, gives the key up.
    /// </summary>
    private async Task RunAsync(HttpContext context, Guid claimId)
    {
        var response = context.Response;
        var original = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        using var buffer = new MemoryStream();
        var capture = new StreamResponseBodyFeature(buffer, original);
        context.Features.Set<IHttpResponseBodyFeature>(capture);
        try
        {
            await next(context);
            await capture.CompleteAsync();
        }
        catch
        {
            // The exception handler answers 500 on the real body; a retry may run again.
            context.Features.Set(original);
            await ReleaseAsync(claimId);
            throw;
        }
        context.Features.Set(original);

        // Not the request's token: a client that went away after the work was done must still find its outcome on retry.
        if (response.StatusCode >= StatusCodes.Status500InternalServerError) await ReleaseAsync(claimId);
        else
        {
            var stored = new StoredResponse(response.StatusCode, response.ContentType, NullIfEmpty(response.Headers.Location),
                NullIfEmpty(response.Headers.ETag), buffer.ToArray());
            try
            {
                await store.CompleteAsync(claimId, stored, CancellationToken.None);
            }
            catch (Exception ex)
            {
                // The work is done and the client gets its answer; without a record, a retry would wait on the claim
                // until it expires, so give the key up rather than leave it held.
                logger.LogError(ex, "Could not record the response for idempotency claim {ClaimId}", claimId);
                await ReleaseAsync(claimId);
            }
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(response.Body, context.RequestAborted);
    }

    private static string? NullIfEmpty(StringValues value) => StringValues.IsNullOrEmpty(value) ? null : value.ToString();

    private async Task ReleaseAsync(Guid claimId)
    {
        try
        {
            await store.ReleaseAsync(claimId, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The claim then stays until retention removes it; retries get 409 meanwhile.
            logger.LogError(ex, "Could not release idempotency claim {ClaimId}", claimId);
        }
    }

    private static async Task ReplayAsync(HttpContext context, StoredResponse stored)
    {
        var response = context.Response;
        response.StatusCode = stored.StatusCode;
        if (stored.ContentType is not null) response.ContentType = stored.ContentType;
        if (stored.Location is not null) response.Headers.Location = stored.Location;
        if (stored.ETag is not null) response.Headers.ETag = stored.ETag;
        response.Headers[ReplayedHeader] = "true";
        ReportApiVersions(context);
        if (stored.Body.Length == 0) return;
        response.ContentLength = stored.Body.Length;
        await response.Body.WriteAsync(stored.Body, context.RequestAborted);
    }

    private static Task WriteProblemAsync(HttpContext context, Error error)
    {
        ReportApiVersions(context);
        return Problems.Write(context, error);
    }

    /// <summary>
    /// API versioning reports the supported versions from the endpoint, which an answer from here never reaches: report
    /// them here so these responses carry <c>api-supported-versions</c> like every other.
    /// </summary>
    private static void ReportApiVersions(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ApiVersionMetadata>() is not { IsApiVersionNeutral: false } metadata) return;
        var reporter = context.RequestServices.GetRequiredService<IReportApiVersions>();
        reporter.Report(context.Response, metadata.Map(reporter.Mapping));
    }
}
