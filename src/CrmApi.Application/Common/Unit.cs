namespace CrmApi.Application.Common;

/// <summary>The value of a use case that returns nothing but may fail.</summary>
public readonly record struct Unit
{
    public static readonly Unit Value = default;
}
