using System.Text.Json;

namespace CrmApi.Application.Querying;

/// <summary>
/// One comparison of a field with literals. <see cref="Values"/> holds one literal, the list of an <c>in</c>/<c>nin</c>,
/// or the boolean of <c>isNull</c>; literals are already of the field's CLR type (an <c>int</c> for an
/// <c>int?</c> property, a <see cref="DateTimeOffset"/> in UTC, an enum member) and normalised.
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
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
