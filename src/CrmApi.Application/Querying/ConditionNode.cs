using System.Text.Json;

namespace CrmApi.Application.Querying;

/// <summary>
/// One comparison of a field with literals. <see cref="Values"/> holds one literal, the list of an <c>in</c>/<c>nin</c>,
/// or the boolean of <c>isNull</c>; literals are already of the field's CLR type (an <c>int</c> for an
/// <c>int?</c> property, a <see cref="DateTimeOffset"/> in UTC, an enum member) and normalised, except that
/// <c>withinLast</c> and <c>olderThan</c> hold a <see cref="RelativeDuration"/>.
/// </summary>
public sealed class ConditionNode(string field, FilterOperator op, IReadOnlyList<object> values) : FilterNode
{
    public string Field { get; } = field;
    public FilterOperator Operator { get; } = op;
    public IReadOnlyList<object> Values { get; } = values;

    internal override void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteStartObject(Field);
        WriteOperand(writer);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>Writes <c>"op": literal</c> into the field's object.</summary>
    internal void WriteOperand(Utf8JsonWriter writer)
    {
        writer.WritePropertyName(QueryNames.Of(Operator));
        if (Operator is FilterOperator.In or FilterOperator.Nin)
        {
            writer.WriteStartArray();
            foreach (var value in Values) FieldValues.Write(writer, value);
            writer.WriteEndArray();
        }
        else
        {
            FieldValues.Write(writer, Values[0]);
        }
    }
}
