namespace CrmApi.Api.Auth;

public static class CrmClaims
{
    public const string Scope = "scope";
    public const string WorkspaceId = "workspace_id";
    public const string KeyId = "key_id";
    public const string PlatformAdmin = "platform_admin";
}
