namespace CrmApi.Application.Webhooks;

/// <summary>Keeps webhook signing secrets encrypted at rest; instances sharing a database must share its keys.</summary>
public interface ISecretProtector
{
    string Protect(string secret);
    string Unprotect(string protectedSecret);
}

/// <summary>Which webhook URLs the deployment allows (<c>Crm:Webhooks:AllowHttp</c>, <c>Crm:Webhooks:AllowPrivateNetworks</c>).</summary>
public sealed record WebhookNetworkRules(bool AllowHttp, bool AllowPrivateNetworks);
