using System.Text.Json;
using CrmApi.Domain.Activities;

namespace CrmApi.Application.Querying;

/// <summary>
/// A condition on the record's history: <c>{"activity":{"type":"purchase","occurredAt":{"withinLast":"P90D"},"count":{"gte":2}}}</c>.
/// It looks at the record's live activities of <see cref="Type"/> that meet every one of <see cref="Conditions"/>. The
/// record matches when it has none of them (<see cref="None"/>); otherwise when their number passes every
/// <see cref="Count"/> test and the sum of their <see cref="SumField"/> every <see cref="Sum"/> test (missing values add
/// nothing; no activities sum to 0); and with no test at all, when it has at least one.
/// </summary>
public sealed class ActivityNode(
    ActivityType type,
    IReadOnlyList<ConditionNode> conditions,
    bool none,
    IReadOnlyList<MeasureTest> count,
    string? sumField,
    IReadOnlyList<MeasureTest> sum) : FilterNode
{
    /// <summary>The key that introduces the condition, where a field name would stand.</summary>
    public const string Key = "activity";

    public ActivityType Type { get; } = type;
    /// <summary>Conditions on the activities' own fields (<c>occurredAt</c>, <c>currency</c>...), all of which must hold.</summary>
    public IReadOnlyList<ConditionNode> Conditions { get; } = conditions;
    public bool None { get; } = none;
    public IReadOnlyList<MeasureTest> Count { get; } = count;
    /// <summary>The number field whose sum <see cref="Sum"/> tests; null when there is no sum test.</summary>
    public string? SumField { get; } = sumField;
    public IReadOnlyList<MeasureTest> Sum { get; } = sum;

    internal override void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteStartObject(Key);
        writer.WriteString("type", QueryNames.CamelCase(Type.ToString()));
        foreach (var field in Conditions.GroupBy(c => c.Field))
        {
            writer.WriteStartObject(field.Key);
            foreach (var condition in field) condition.WriteOperand(writer);
            writer.WriteEndObject();
        }
        if (None) writer.WriteBoolean("none", true);
        if (Count.Count > 0)
        {
            writer.WritePropertyName("count");
            WriteTests(writer, Count);
        }
        if (SumField is not null)
        {
            writer.WriteStartObject("sum");
            writer.WritePropertyName(SumField);
            WriteTests(writer, Sum);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteTests(Utf8JsonWriter writer, IReadOnlyList<MeasureTest> tests)
    {
        writer.WriteStartObject();
        foreach (var test in tests) writer.WriteNumber(QueryNames.Of(test.Operator), test.Value);
        writer.WriteEndObject();
    }
}
