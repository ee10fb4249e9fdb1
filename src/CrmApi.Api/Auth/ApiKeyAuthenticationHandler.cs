using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Asp.Versioning;
using CrmApi.Api.Http;
using CrmApi.Application.ApiKeys;
using CrmApi.Application.Common;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CrmApi.Api.Auth;

/// <summary>
/// <c>Authorization: Bearer &lt;key&gt;</c>. A workspace key sets the request's workspace; the platform admin key from
/// <c>Crm:AdminKey</c> may only manage workspaces.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyHandlers keys,
    WorkspaceContext workspace,
    IOptions<CrmOptions> crm)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header)) return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.Fail("The Authorization header must be 'Bearer <key>'.");
        var presented = header["Bearer ".Length..].Trim();

        if (crm.Value.AdminKey is { Length: > 0 } admin && FixedTimeEquals(presented, admin))
        {
            var adminIdentity = new ClaimsIdentity([new Claim(CrmClaims.PlatformAdmin, "true")], SchemeName);
            return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(adminIdentity), SchemeName));
        }

        var identity = await keys.AuthenticateAsync(presented, Context.RequestAborted);
        if (identity is null) return AuthenticateResult.Fail("The API key is unknown, expired or revoked.");

        workspace.Set(identity.WorkspaceId, "apiKey", identity.KeyId.ToString());
        var claims = new List<Claim>
        {
            new(CrmClaims.WorkspaceId, identity.WorkspaceId.ToString()),
            new(CrmClaims.KeyId, identity.KeyId.ToString()),
        };
        claims.AddRange(identity.Scopes.Select(s => new Claim(CrmClaims.Scope, s)));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        ReportApiVersions();
        return Problems.Write(Context, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized,
            "A valid API key is required: send 'Authorization: Bearer <key>'.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        ReportApiVersions();
        return Problems.Write(Context, StatusCodes.Status403Forbidden, ErrorCodes.Forbidden,
            "The API key does not have the scope this operation needs.");
    }

    /// <summary>
    /// API versioning reports the supported versions from the endpoint it wraps, which a refused request never reaches:
    /// report them here so 401 and 403 carry <c>api-supported-versions</c> like every other response.
    /// </summary>
    private void ReportApiVersions()
    {
        if (Context.GetEndpoint()?.Metadata.GetMetadata<ApiVersionMetadata>() is not { IsApiVersionNeutral: false } metadata) return;
        var reporter = Context.RequestServices.GetRequiredService<IReportApiVersions>();
        reporter.Report(Response, metadata.Map(reporter.Mapping));
    }

    private static bool FixedTimeEquals(string a, string b)
        => CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));
}
