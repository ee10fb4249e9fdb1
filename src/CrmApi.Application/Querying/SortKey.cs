namespace CrmApi.Application.Querying;

/// <summary>One key of a sort. Missing values come last whichever the direction.</summary>
public sealed record SortKey(FieldDefinition Field, bool Descending)
{
    /// <summary>The key in the sort parameter's syntax: <c>lastName</c> or <c>-createdAt</c>.</summary>
    public override string ToString() => Descending ? $"-{Field.Name}" : Field.Name;
}
