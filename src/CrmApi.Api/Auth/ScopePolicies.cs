using CrmApi.Domain.Workspaces;
using Microsoft.AspNetCore.Authorization;

namespace CrmApi.Api.Auth;

/// <summary>One authorization policy per scope; a workspace key with <c>*</c> holds them all.</summary>
public static class ScopePolicies
{
    public const string PlatformAdmin = "platform-admin";
    public const string AnyWorkspaceKey = "workspace";

    public static AuthorizationBuilder AddScopePolicies(this AuthorizationBuilder builder)
    {
        builder.AddPolicy(AnyWorkspaceKey, p => p.RequireClaim(CrmClaims.WorkspaceId));
        foreach (var scope in Scopes.Known.Where(s => s != Scopes.All))
        {
            builder.AddPolicy(scope, p => p.RequireClaim(CrmClaims.WorkspaceId).RequireAssertion(
                ctx => Scopes.Grants(ctx.User.FindAll(CrmClaims.Scope).Select(c => c.Value), scope)));
        }
        builder.AddPolicy(PlatformAdmin, p => p.RequireClaim(CrmClaims.PlatformAdmin));
        return builder;
    }
}
