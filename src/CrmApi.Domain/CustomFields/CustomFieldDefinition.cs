using CrmApi.Domain.Common;

namespace CrmApi.Domain.CustomFields;

/// <summary>
/// A field a workspace adds to an object type. Its key and slot never change; label, options and required can.
/// A retired field keeps its slot, so the values stay where its history says they were.
/// </summary>
public sealed class CustomFieldDefinition : IWorkspaceOwned
{
    private CustomFieldDefinition()
    {
        ObjectType = Key = Label = Slot = "";
    }

    public CustomFieldDefinition(Guid id, Guid workspaceId, string objectType, string key, string label, CustomFieldType type,
        IReadOnlyList<string> options, bool required, bool unique, string slot, DateTimeOffset now)
    {
        Id = id;
        WorkspaceId = workspaceId;
        ObjectType = objectType;
        Key = key;
        Label = label;
        Type = type;
        Options = [.. options];
        Required = required;
        Unique = unique;
        Slot = slot;
        CreatedAt = Record.Truncate(now);
        UpdatedAt = CreatedAt;
    }

    public Guid Id { get; private set; }
    public Guid WorkspaceId { get; private set; }
    /// <summary><c>contact</c> or <c>company</c>.</summary>
    public string ObjectType { get; private set; }
    public string Key { get; private set; }
    public string Label { get; private set; }
    public CustomFieldType Type { get; private set; }
    /// <summary>The allowed values of a select or multiselect.</summary>
    public List<string> Options { get; private set; } = [];
    public bool Required { get; private set; }
    public bool Unique { get; private set; }
    /// <summary>The column the values live in: <c>S1</c>…, <c>D1</c>…, <c>T1</c>…, <c>B1</c>….</summary>
    public string Slot { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? RetiredAt { get; private set; }

    public bool IsRetired => RetiredAt is not null;

    public void Change(string label, IReadOnlyList<string> options, bool required, CustomFieldType type, DateTimeOffset now)
    {
        Label = label;
        Options = [.. options];
        Required = required;
        Type = type;
        UpdatedAt = Record.Truncate(now);
    }

    public void Retire(DateTimeOffset now) => RetiredAt ??= Record.Truncate(now);
}
