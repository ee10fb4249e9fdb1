using System.Text.Json;

namespace CrmApi.Application.Querying;

/// <summary>Matches when its child does not.</summary>
public sealed class NotNode(FilterNode child) : FilterNode
{
    public FilterNode Child { get; } = child;

    internal override void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("not");
        Child.Write(writer);
        writer.WriteEndObject();
    }
}
