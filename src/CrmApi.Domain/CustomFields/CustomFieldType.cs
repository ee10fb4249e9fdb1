namespace CrmApi.Domain.CustomFields;

/// <summary>The kinds of value a custom field holds.</summary>
public enum CustomFieldType
{
    Text,
    Number,
    Decimal,
    Boolean,
    Date,
    Datetime,
    Select,
    Multiselect,
    Email,
    Url,
    Phone,
    Currency,
}
