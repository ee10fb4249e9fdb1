namespace CrmApi.Domain.Common;

/// <summary>A postal address; every part is optional. Country is ISO 3166-1 alpha-2, upper case.</summary>
public sealed record Address(string? Street, string? City, string? Region, string? PostalCode, string? Country)
{
    public static readonly Address Empty = new(null, null, null, null, null);

    public bool IsEmpty => this == Empty;
}
