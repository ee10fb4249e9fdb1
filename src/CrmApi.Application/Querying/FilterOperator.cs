namespace CrmApi.Application.Querying;

/// <summary>The comparison a filter condition makes. On the wire each is named in camelCase (<c>startsWith</c>).</summary>
public enum FilterOperator
{
    Eq,
    Neq,
    Lt,
    Lte,
    Gt,
    Gte,
    /// <summary>The field equals one of a list of values.</summary>
    In,
    /// <summary>The field equals none of a list of values (a missing value matches).</summary>
    Nin,
    /// <summary>Case-insensitive substring on strings; membership on string sets.</summary>
    Contains,
    StartsWith,
    EndsWith,
    /// <summary>Takes <c>true</c> (the field has no value) or <c>false</c> (it has one).</summary>
    IsNull,
    /// <summary>
    /// A date or time within an ISO 8601 duration before now (<c>"P90D"</c>): at or after now minus the duration and not
    /// after now.
    /// </summary>
    WithinLast,
    /// <summary>A date or time earlier than an ISO 8601 duration before now.</summary>
    OlderThan,
}
