using CrmApi.Application.Webhooks;
using Microsoft.AspNetCore.DataProtection;

namespace CrmApi.Infrastructure.Webhooks;

/// <summary>Webhook secrets encrypted with ASP.NET Core Data Protection (the key ring the idempotency store uses too).</summary>
public sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    private readonly IDataProtector _protector = provider.CreateProtector("CrmApi.Webhooks.Secrets.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
