using CrmApi.Domain.CustomFields;

namespace CrmApi.Application.CustomFields;

/// <summary>A custom field definition as clients send it; on update only label, options, required and type may change.</summary>
public sealed class CustomFieldInput
{
    public string? Key { get; init; }
    public string? Label { get; init; }
    public CustomFieldType? Type { get; init; }
    public List<string?>? Options { get; init; }
    public bool? Required { get; init; }
    public bool? Unique { get; init; }
}
