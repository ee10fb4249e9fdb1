namespace CrmApi.Application.Querying;

/// <summary>How a field presents itself to clients on the metadata endpoint. Type and operators are wire names.</summary>
public sealed record FieldDescriptor(
    string Name,
    string Type,
    bool Nullable,
    IReadOnlyList<string> Operators,
    bool Sortable,
    IReadOnlyList<string>? EnumValues);
