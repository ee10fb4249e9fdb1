using CrmApi.Domain.CustomFields;

namespace CrmApi.Application.CustomFields;

/// <summary>A custom field as the API shows it; values live in records under <c>custom.&lt;key&gt;</c>.</summary>
public sealed record CustomFieldDto(
    Guid Id, string ObjectType, string Key, string Label, CustomFieldType Type, IReadOnlyList<string> Options, bool Required,
    bool Unique, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? RetiredAt)
{
    public static CustomFieldDto From(CustomFieldDefinition f) => new(
        f.Id, f.ObjectType, f.Key, f.Label, f.Type, f.Options, f.Required, f.Unique, f.CreatedAt, f.UpdatedAt, f.RetiredAt);
}
