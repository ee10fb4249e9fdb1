using System.Text.RegularExpressions;
using CrmApi.Domain.Common;

namespace CrmApi.Application.Common.Validation;

/// <summary>Field rules shared by every record type. Each adds errors with the field path and returns the normalised value.</summary>
public static partial class Rules
{
    public const int NameMax = 200;
    public const int ShortTextMax = 100;
    public const int StreetMax = 500;
    public const int PostalCodeMax = 20;
    public const int EmailMax = 254;
    public const int PhoneMax = 32;
    public const int ListMax = 20;
    public const int TagsMax = 100;
    public const int ExternalIdValueMax = 200;

    /// <summary>Money and other decimals keep at most 4 decimal places and stay below 10^14, so every database stores them exactly.</summary>
    public const int DecimalScale = 4;
    public const decimal DecimalMax = 100_000_000_000_000m;

    public static bool IsStorableDecimal(decimal v) => Math.Abs(v) < DecimalMax && decimal.Round(v, DecimalScale) == v;

    /// <summary>
    /// The value without trailing zeros (12500.5000 → 12500.5): PostgreSQL hands back the column's scale, SQLite and a
    /// client's input do not, and one value must read the same on every provider and in every response.
    /// </summary>
    public static decimal Plain(decimal v) => v / 1.0000000000000000000000000000m;

    public static decimal? Plain(decimal? v) => v is { } d ? Plain(d) : null;

    /// <summary>Trims; empty becomes null; longer than <paramref name="max"/> is an error.</summary>
    public static string? Text(List<Error> errors, string field, string? value, int max)
    {
        var v = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (v is not null && v.Length > max) errors.Add(Error.Validation(field, $"'{field}' must be at most {max} characters."));
        return v;
    }

    public static string RequiredText(List<Error> errors, string field, string? value, int max)
    {
        var v = Text(errors, field, value, max);
        if (v is null) errors.Add(Error.Validation(field, $"'{field}' is required."));
        return v ?? "";
    }

    public static string? Email(List<Error> errors, string field, string? value)
    {
        var v = value?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(v) || v.Length > EmailMax || !EmailPattern().IsMatch(v))
        {
            errors.Add(Error.Validation(field, $"'{value}' is not a valid email address."));
            return null;
        }
        return v;
    }

    public static string? Phone(List<Error> errors, string field, string? value)
    {
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v) || v.Length > PhoneMax || !PhonePattern().IsMatch(v))
        {
            errors.Add(Error.Validation(field, $"'{value}' is not a valid phone number (digits, spaces, ()+-. allowed)."));
            return null;
        }
        return v;
    }

    public static string? Country(List<Error> errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var v = value.Trim().ToUpperInvariant();
        if (!IsoCodes.Countries.Contains(v)) errors.Add(Error.Validation(field, $"'{value}' is not an ISO 3166-1 alpha-2 country code."));
        return v;
    }

    public static string? Currency(List<Error> errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var v = value.Trim().ToUpperInvariant();
        if (!IsoCodes.Currencies.Contains(v)) errors.Add(Error.Validation(field, $"'{value}' is not an ISO 4217 currency code."));
        return v;
    }

    public static string? Domain(List<Error> errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var v = value.Trim().ToLowerInvariant().TrimEnd('.');
        if (v.Length > 253 || !DomainPattern().IsMatch(v)) errors.Add(Error.Validation(field, $"'{value}' is not a valid domain name (e.g. example.com)."));
        return v;
    }

    public static Address Address(List<Error> errors, string field, AddressInput? a)
    {
        if (a is null) return CrmApi.Domain.Common.Address.Empty;
        return new Address(
            Text(errors, $"{field}.street", a.Street, StreetMax),
            Text(errors, $"{field}.city", a.City, NameMax),
            Text(errors, $"{field}.region", a.Region, NameMax),
            Text(errors, $"{field}.postalCode", a.PostalCode, PostalCodeMax),
            Country(errors, $"{field}.country", a.Country));
    }

    /// <summary>Tags are a set: trimmed, lower-cased, de-duplicated and sorted.</summary>
    public static IReadOnlyList<string> Tags(List<Error> errors, string field, IReadOnlyList<string?>? tags)
    {
        if (tags is null) return [];
        if (tags.Count > TagsMax) errors.Add(Error.Validation(field, $"At most {TagsMax} tags are allowed."));
        var result = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tags.Count; i++)
        {
            var t = tags[i]?.Trim().ToLowerInvariant();
            if (string.IsNullOrEmpty(t) || t.Length > ShortTextMax)
                errors.Add(Error.Validation($"{field}[{i}]", $"A tag must be 1 to {ShortTextMax} characters."));
            else result.Add(t);
        }
        return [.. result];
    }

    public static IReadOnlyDictionary<string, string> ExternalIds(List<Error> errors, string field, IReadOnlyDictionary<string, string?>? ids)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (ids is null) return result;
        if (ids.Count > ListMax) errors.Add(Error.Validation(field, $"At most {ListMax} external systems are allowed."));
        foreach (var (system, value) in ids)
        {
            if (!SystemPattern().IsMatch(system))
            {
                errors.Add(Error.Validation($"{field}.{system}", $"'{system}' is not a valid system name (lower-case letters, digits, '_', '-', '.', up to 50)."));
                continue;
            }
            var v = value?.Trim();
            if (string.IsNullOrEmpty(v) || v.Length > ExternalIdValueMax)
                errors.Add(Error.Validation($"{field}.{system}", $"An external id must be 1 to {ExternalIdValueMax} characters."));
            else result[system] = v;
        }
        return result;
    }

    /// <summary>Ids of linked records: at most <paramref name="max"/>, duplicates dropped, order kept.</summary>
    public static List<Guid> Links(List<Error> errors, string field, IReadOnlyList<Guid>? ids, int max)
    {
        if (ids is null) return [];
        if (ids.Count > max) errors.Add(Error.Validation(field, $"At most {max} links are allowed."));
        return [.. ids.Distinct()];
    }

    /// <summary>
    /// A list of emails or phones with at most one primary; the result has the primary first (the first item when none is
    /// marked) and no duplicates.
    /// </summary>
    public static IReadOnlyList<string> ContactPoints(List<Error> errors, string field, IReadOnlyList<ContactPointInput?>? items,
        Func<List<Error>, string, string?, string?> normalise)
    {
        if (items is null) return [];
        if (items.Count > ListMax) errors.Add(Error.Validation(field, $"At most {ListMax} items are allowed."));
        if (items.Count(i => i?.Primary == true) > 1) errors.Add(Error.Validation(field, "At most one item can be primary."));
        var values = new List<string>();
        string? primary = null;
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not { } item)
            {
                errors.Add(Error.Validation($"{field}[{i}]", "An item cannot be null."));
                continue;
            }
            var v = normalise(errors, $"{field}[{i}].value", item.Value);
            if (v is null) continue;
            if (values.Contains(v, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(Error.Validation($"{field}[{i}].value", $"'{v}' appears twice."));
                continue;
            }
            values.Add(v);
            if (item.Primary == true) primary = v;
        }
        if (primary is not null)
        {
            values.Remove(primary);
            values.Insert(0, primary);
        }
        return values;
    }

    [GeneratedRegex(@"^[^@\s""(),:;<>\[\]\\]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+?[0-9](?:[0-9 ().\-]{1,30})[0-9)]$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$")]
    private static partial Regex DomainPattern();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9_.\-]{0,49}$")]
    private static partial Regex SystemPattern();
}
