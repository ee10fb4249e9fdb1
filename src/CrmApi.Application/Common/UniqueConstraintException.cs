namespace CrmApi.Application.Common;

/// <summary>A write broke a unique key (a company domain, an external id) that a concurrent write took first.</summary>
public sealed class UniqueConstraintException(string? constraint, Exception inner)
    : Exception($"A unique constraint was violated{(constraint is null ? "" : $" ({constraint})")}.", inner)
{
    public string? Constraint { get; } = constraint;
}
