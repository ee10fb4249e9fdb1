namespace CrmApi.Application.Querying;

/// <summary>The kind of value a queryable field holds; it decides which operators and literals a filter may use.</summary>
public enum FieldType
{
    String,
    Integer,
    Decimal,
    DateTime,
    /// <summary>A calendar date without time or zone (<c>2026-03-31</c>).</summary>
    Date,
    Boolean,
    Enum,
    Uuid,
    /// <summary>A set of strings, such as tags: only membership (<c>contains</c>) can be asked.</summary>
    StringSet,
}
