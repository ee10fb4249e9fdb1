using CrmApi.Application.CustomFields;
using CrmApi.Application.Querying;

namespace CrmApi.Application.Meta;

/// <summary>
/// An object's field catalog in this workspace (custom fields included, as <c>custom.key</c>) and its custom field
/// definitions, so front ends can build forms, filter and sort controls without hard-coding them.
/// </summary>
public sealed record ObjectMetadata(string Name, string DefaultSort, IReadOnlyList<FieldDescriptor> Fields, IReadOnlyList<CustomFieldDto> CustomFields);
