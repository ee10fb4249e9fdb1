namespace CrmApi.Domain.CustomFields;

/// <summary>
/// A record's custom field values, in typed columns ("flex columns"): each field a workspace defines is given one
/// free slot of its kind. Values are plain columns, so filters, sorts and indexes on them cost what they cost on
/// built-in fields. Multiselect values are kept as <c>|a|b|</c> so "contains a" is a LIKE on <c>|a|</c>.
/// </summary>
public sealed record CustomSlots
{
    public const int TextSlots = 10;
    public const int DecimalSlots = 5;
    public const int TimeSlots = 5;
    public const int FlagSlots = 5;

    public static readonly CustomSlots Empty = new();

    public string? S1 { get; init; }
    public string? S2 { get; init; }
    public string? S3 { get; init; }
    public string? S4 { get; init; }
    public string? S5 { get; init; }
    public string? S6 { get; init; }
    public string? S7 { get; init; }
    public string? S8 { get; init; }
    public string? S9 { get; init; }
    public string? S10 { get; init; }
    public decimal? D1 { get; init; }
    public decimal? D2 { get; init; }
    public decimal? D3 { get; init; }
    public decimal? D4 { get; init; }
    public decimal? D5 { get; init; }
    public DateTimeOffset? T1 { get; init; }
    public DateTimeOffset? T2 { get; init; }
    public DateTimeOffset? T3 { get; init; }
    public DateTimeOffset? T4 { get; init; }
    public DateTimeOffset? T5 { get; init; }
    public bool? B1 { get; init; }
    public bool? B2 { get; init; }
    public bool? B3 { get; init; }
    public bool? B4 { get; init; }
    public bool? B5 { get; init; }

    public static SlotKind KindOf(CustomFieldType type) => type switch
    {
        CustomFieldType.Number or CustomFieldType.Decimal or CustomFieldType.Currency => SlotKind.Decimal,
        CustomFieldType.Date or CustomFieldType.Datetime => SlotKind.Time,
        CustomFieldType.Boolean => SlotKind.Flag,
        _ => SlotKind.Text,
    };

    public static string Prefix(SlotKind kind) => kind switch
    {
        SlotKind.Text => "S",
        SlotKind.Decimal => "D",
        SlotKind.Time => "T",
        _ => "B",
    };

    public static int Capacity(SlotKind kind) => kind switch
    {
        SlotKind.Text => TextSlots,
        SlotKind.Decimal => DecimalSlots,
        SlotKind.Time => TimeSlots,
        _ => FlagSlots,
    };

    /// <summary>The value in a slot (<c>S3</c>), boxed.</summary>
    public object? Get(string slot) => typeof(CustomSlots).GetProperty(slot)!.GetValue(this);

    /// <summary>A copy with one slot set.</summary>
    public CustomSlots With(string slot, object? value)
    {
        var copy = this with { };
        typeof(CustomSlots).GetProperty(slot)!.SetValue(copy, value);
        return copy;
    }
}
