using System.Text.Json;

namespace CrmApi.Application.Querying;

/// <summary>Matches when every child matches.</summary>
public sealed class AndNode(IReadOnlyList<FilterNode> children) : FilterNode
{
    public IReadOnlyList<FilterNode> Children { get; } = children;

    internal override void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("and");
        foreach (var child in Children) child.Write(writer);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
