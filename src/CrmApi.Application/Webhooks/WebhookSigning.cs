using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CrmApi.Application.Webhooks;

/// <summary>
/// Standard Webhooks v1 signing (https://www.standardwebhooks.com): an HMAC-SHA256 over the UTF-8 string
/// <c>"{id}.{timestamp}.{body}"</c>, keyed with the base64-decoded part of a <c>whsec_</c> secret, sent as
/// <c>v1,&lt;base64&gt;</c>. The <c>webhook-signature</c> header lists one signature per secret, space separated, so a
/// receiver keeps working through a rotation whichever of the two secrets it knows.
/// Pure: no I/O beyond the random number generator behind <see cref="NewSecret"/>.
/// </summary>
public static class WebhookSigning
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";
    public const string SecretPrefix = "whsec_";

    /// <summary>The spec's bounds for a symmetric secret; a new secret takes 32 bytes.</summary>
    public const int MinSecretBytes = 24;
    public const int MaxSecretBytes = 64;
    private const int NewSecretBytes = 32;

    /// <summary>The replay window of the reference libraries.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    private const string Version = "v1";

    // Strict: a string that is not valid UTF-16 (a lone surrogate) has no exact byte form to sign and send,
    // so it fails loudly instead of being signed as replacement characters.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary><c>whsec_</c> followed by the base64 of 32 random bytes.</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(NewSecretBytes));

    /// <summary>True for <c>whsec_</c> followed by canonical base64 of 24 to 64 bytes.</summary>
    public static bool IsValidSecret(string? secret) => TryDecodeSecret(secret, out _);

    /// <summary>
    /// The <c>webhook-signature</c> header value: one <c>v1,&lt;base64&gt;</c> per secret, space separated, in the order
    /// given (the current secret first, then the previous one during a rotation).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// No secret, an invalid secret, a negative timestamp, or a message id that is empty or not visible ASCII
    /// (it travels in a header, which carries ASCII only).
    /// </exception>
    public static string Sign(string messageId, long timestamp, string body, IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(secrets);
        var content = SignedContent(messageId, timestamp, body);
        var signatures = secrets.Select(s => $"{Version},{Convert.ToBase64String(Hmac(Key(s, nameof(secrets)), content))}").ToList();
        if (signatures.Count == 0) throw new ArgumentException("At least one secret is needed to sign.", nameof(secrets));
        return string.Join(' ', signatures);
    }

    /// <summary>The three Standard Webhooks headers for a message sent at <paramref name="at"/>, and nothing else.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Headers(
        string messageId, DateTimeOffset at, string body, IEnumerable<string> secrets)
    {
        var timestamp = at.ToUnixTimeSeconds();
        return
        [
            new(IdHeader, messageId),
            new(TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture)),
            new(SignatureHeader, Sign(messageId, timestamp, body, secrets)),
        ];
    }

    /// <summary>
    /// Verifies a received message as a Standard Webhooks receiver does: all three headers present, the timestamp
    /// within <paramref name="tolerance"/> (default 5 minutes) of <paramref name="now"/> either way, and any
    /// <c>v1</c> signature in the header equal (in constant time) to the one computed with <paramref name="secret"/>.
    /// Signatures of other versions are skipped.
    /// </summary>
    /// <exception cref="ArgumentException">The secret is not a valid <c>whsec_</c> secret (a configuration error, not a bad message).</exception>
    public static bool Verify(
        string secret, string? messageId, string? timestamp, string body, string? signatureHeader,
        DateTimeOffset now, TimeSpan? tolerance = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        var key = Key(secret, nameof(secret));
        if (!IsValidMessageId(messageId) || string.IsNullOrEmpty(signatureHeader)) return false;
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var sent)) return false;
        var window = (long)(tolerance ?? DefaultTolerance).TotalSeconds;
        var current = now.ToUnixTimeSeconds();
        if (current - sent > window || sent - current > window) return false;

        // Compare the base64 text, as the reference libraries do: decoding first would accept a different
        // spelling of the same bytes (unused trailing bits), which they reject.
        var expected = Encoding.ASCII.GetBytes(Convert.ToBase64String(Hmac(key, SignedContent(messageId, sent, body))));
        var matched = false;
        foreach (var entry in signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = entry.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0 || entry[..comma] != Version) continue;
            // No early exit: every listed signature is compared, so the time taken does not say which one matched.
            matched |= CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(entry[(comma + 1)..]));
        }
        return matched;
    }

    /// <summary><see cref="Verify(string, string?, string?, string, string?, DateTimeOffset, TimeSpan?)"/> over headers as received (names case-insensitive).</summary>
    public static bool Verify(
        string secret, string body, IEnumerable<KeyValuePair<string, string>> headers,
        DateTimeOffset now, TimeSpan? tolerance = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var byName = headers.ToLookup(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
        return Verify(secret, byName[IdHeader].FirstOrDefault(), byName[TimestampHeader].FirstOrDefault(), body,
            byName[SignatureHeader].FirstOrDefault(), now, tolerance);
    }

    private static byte[] SignedContent(string messageId, long timestamp, string body)
    {
        if (!IsValidMessageId(messageId))
            throw new ArgumentException("A message id is visible ASCII: it is sent as the webhook-id header.", nameof(messageId));
        ArgumentOutOfRangeException.ThrowIfNegative(timestamp);
        return StrictUtf8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{messageId}.{timestamp}.{body}"));
    }

    private static bool IsValidMessageId([NotNullWhen(true)] string? messageId)
        => !string.IsNullOrEmpty(messageId) && messageId.All(c => c is > ' ' and <= '~');

    private static byte[] Hmac(byte[] key, byte[] content) => HMACSHA256.HashData(key, content);

    private static byte[] Key(string? secret, string paramName)
        => TryDecodeSecret(secret, out var key)
            ? key
            // The message never carries the secret itself: it may end up in a log.
            : throw new ArgumentException(
                $"A webhook secret must be '{SecretPrefix}' followed by the base64 of {MinSecretBytes} to {MaxSecretBytes} bytes.", paramName);

    private static bool TryDecodeSecret(string? secret, out byte[] key)
    {
        key = [];
        if (secret is null || !secret.StartsWith(SecretPrefix, StringComparison.Ordinal)) return false;
        var encoded = secret.AsSpan(SecretPrefix.Length);
        var buffer = new byte[MaxSecretBytes];
        if (encoded.Length > 4 * ((MaxSecretBytes + 2) / 3) || !Convert.TryFromBase64Chars(encoded, buffer, out var length)) return false;
        if (length < MinSecretBytes) return false;
        // Canonical only (no whitespace, no stray trailing bits), so a secret has one spelling everywhere.
        if (!encoded.SequenceEqual(Convert.ToBase64String(buffer, 0, length))) return false;
        key = buffer[..length];
        return true;
    }
}
