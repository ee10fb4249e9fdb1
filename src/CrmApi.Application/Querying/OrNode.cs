using System.Text.Json;

namespace CrmApi.Application.Querying;

/// <summary>Matches when at least one child matches.</summary>
public sealed class OrNode(IReadOnlyList<FilterNode> children) : FilterNode
{
    public IReadOnlyList<FilterNode> Children { get; } = children;

    internal override void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("or");
        foreach (var child in Children) child.Write(writer);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
