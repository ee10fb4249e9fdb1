using System.Linq.Expressions;
using CrmApi.Domain.Common;

namespace CrmApi.Application.Querying;

/// <summary>Field groups every record type shares, declared once.</summary>
public static class CommonFields
{
    /// <summary>Literals are brought to the stored form, so <c>eq</c> compares exactly.</summary>
    public static readonly Func<string, string> Lower = s => s.ToLowerInvariant();
    public static readonly Func<string, string> Upper = s => s.ToUpperInvariant();

    /// <summary><c>id</c>, <c>createdAt</c>, <c>updatedAt</c>.</summary>
    public static ObjectCatalogBuilder<T> RecordFields<T>(this ObjectCatalogBuilder<T> b) where T : Record => b
        .Field("id", FieldType.Uuid, c => c.Id)
        .Field("createdAt", FieldType.DateTime, c => c.CreatedAt)
        .Field("updatedAt", FieldType.DateTime, c => c.UpdatedAt);

    /// <summary><c>address.street</c> … <c>address.country</c> for the address at <paramref name="address"/>.</summary>
    public static ObjectCatalogBuilder<T> AddressFields<T>(this ObjectCatalogBuilder<T> b, Expression<Func<T, Address>> address) => b
        .Field("address.street", FieldType.String, Part(address, a => a.Street))
        .Field("address.city", FieldType.String, Part(address, a => a.City))
        .Field("address.region", FieldType.String, Part(address, a => a.Region))
        .Field("address.postalCode", FieldType.String, Part(address, a => a.PostalCode))
        .Field("address.country", FieldType.String, Part(address, a => a.Country), normalize: Upper);

    /// <summary>Composes <c>x =&gt; address(x).Part</c> as one expression tree, so it still translates to a column.</summary>
    private static Expression<Func<T, string?>> Part<T>(Expression<Func<T, Address>> address, Expression<Func<Address, string?>> part)
    {
        var member = (MemberExpression)part.Body;
        return Expression.Lambda<Func<T, string?>>(Expression.MakeMemberAccess(address.Body, member.Member), address.Parameters);
    }
}
