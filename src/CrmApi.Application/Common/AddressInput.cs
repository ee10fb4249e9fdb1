namespace CrmApi.Application.Common;

/// <summary>A postal address as clients send and receive it. <c>country</c> is ISO 3166-1 alpha-2.</summary>
public sealed class AddressInput
{
    public string? Street { get; init; }
    public string? City { get; init; }
    public string? Region { get; init; }
    public string? PostalCode { get; init; }
    public string? Country { get; init; }

    public static AddressInput From(Domain.Common.Address a) =>
        new() { Street = a.Street, City = a.City, Region = a.Region, PostalCode = a.PostalCode, Country = a.Country };
}
