using System.Security.Cryptography;
using System.Text;

namespace CrmApi.Application.ApiKeys;

/// <summary>
/// Makes and hashes key secrets: <c>crm_</c> + 32 random bytes in base64url. Keys have full entropy, so one SHA-256
/// (no salt, no stretching) is enough to store them and look them up by hash.
/// </summary>
public static class ApiKeySecret
{
    public const string Prefix = "crm_";

    public static string Generate() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>What a person sees to tell keys apart: the first 12 characters.</summary>
    public static string Display(string key) => key[..Math.Min(12, key.Length)];

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
