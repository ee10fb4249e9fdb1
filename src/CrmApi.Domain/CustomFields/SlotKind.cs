namespace CrmApi.Domain.CustomFields;

/// <summary>The column family a custom field's values live in.</summary>
public enum SlotKind
{
    Text,
    Decimal,
    Time,
    Flag,
}
