using System.Text;
using System.Text.Json;

namespace CrmApi.Application.Querying;

/// <summary>
/// A parsed, validated filter: <see cref="AndNode"/>, <see cref="OrNode"/>, <see cref="NotNode"/>,
/// <see cref="ConditionNode"/> and <see cref="ActivityNode"/>. It holds typed values, not JSON, so it can be compiled for any entity the catalog
/// describes and written back as canonical JSON (to store a segment or to bind a cursor to its filter).
/// </summary>
public abstract class FilterNode
{
    // Closed hierarchy: the compiler and the writer handle exactly these five shapes.
    private protected FilterNode() { }

    /// <summary>The filter in the grammar it was parsed from, with implicit ANDs made explicit and literals normalised.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public override string ToString() => ToJson();

    internal abstract void Write(Utf8JsonWriter writer);
}
