using System.Text.Json;
using CrmApi.Application.Common;
using CrmApi.Domain.Activities;

namespace CrmApi.Application.Querying;

/// <summary>
/// Parses the platform's filter language against a catalog:
/// <c>{"and":[...]}</c>, <c>{"or":[...]}</c>, <c>{"not":{...}}</c>, <c>{"field":{"op":value}}</c>, and on records with
/// activities <c>{"activity":{"type":...,...}}</c> (see <see cref="ActivityNode"/>); several keys in one object are an
/// implicit AND. Every problem is a validation error whose field is a path into the filter
/// (<c>filter.and[1].lastName.between</c>), and all of them are reported at once, except that hitting a size limit stops.
/// </summary>
public static class FilterParser
{
    public const int MaxDepth = 10;
    public const int MaxConditions = 100;
    public const int MaxListValues = 100;

    /// <summary>
    /// Parses a filter. JSON null, an absent value or <c>{}</c> means no filter (a null node).
    /// <paramref name="path"/> prefixes error fields, so another surface (a GraphQL <c>where</c>) can name its own.
    /// </summary>
    public static Result<FilterNode?> Parse<TEntity>(ObjectCatalog<TEntity> catalog, JsonElement filter, string path = "filter")
    {
        if (filter.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null) return Result<FilterNode?>.Ok(null);
        if (filter.ValueKind == JsonValueKind.Object && !filter.EnumerateObject().Any()) return Result<FilterNode?>.Ok(null);
        var parser = new TreeReader(catalog.FindField, catalog.FilterableNames, catalog.Activities, path);
        var node = parser.Node(filter, path, 1);
        return parser.Errors.Count > 0 ? Result<FilterNode?>.Fail(parser.Errors) : Result<FilterNode?>.Ok(node);
    }

    /// <summary>Parses a filter given as JSON text, as in a query string. Blank text means no filter.</summary>
    public static Result<FilterNode?> ParseText<TEntity>(ObjectCatalog<TEntity> catalog, string? text, string path = "filter")
    {
        if (string.IsNullOrWhiteSpace(text)) return Result<FilterNode?>.Ok(null);
        try
        {
            using var document = JsonDocument.Parse(text);
            return Parse(catalog, document.RootElement, path);
        }
        catch (JsonException e)
        {
            return Result<FilterNode?>.Fail(Error.Validation(path, $"The filter is not valid JSON: {e.Message}"));
        }
    }

    private sealed class TreeReader(
        Func<string, FieldDefinition?> find, IReadOnlyList<string> knownFields, ActivityLinks? activities, string rootPath)
    {
        private static readonly FilterOperator[] MeasureOperators =
            [FilterOperator.Eq, FilterOperator.Neq, FilterOperator.Lt, FilterOperator.Lte, FilterOperator.Gt, FilterOperator.Gte];
        private const string ActivityExample =
            "{\"type\":\"purchase\",\"occurredAt\":{\"withinLast\":\"P90D\"},\"count\":{\"gte\":2}}";

        private int conditions;
        private bool stopped;

        public List<Error> Errors { get; } = [];

        /// <summary>Parses one filter object; depth counts the objects nested through and/or/not, the top one being 1.</summary>
        public FilterNode? Node(JsonElement json, string path, int depth)
        {
            if (stopped) return null;
            if (json.ValueKind != JsonValueKind.Object)
            {
                return Fail<FilterNode>(path, "Expected a filter object such as {\"lastName\":{\"eq\":\"Smith\"}}.");
            }
            if (depth > MaxDepth)
            {
                stopped = true;
                return Fail<FilterNode>(path, $"The filter is nested too deeply: at most {MaxDepth} levels of and/or/not are allowed.");
            }
            var parts = new List<FilterNode>();
            var errorsBefore = Errors.Count;
            foreach (var property in json.EnumerateObject())
            {
                var childPath = $"{path}.{property.Name}";
                switch (property.Name)
                {
                    case "and" or "or":
                        var children = List(property.Value, childPath, depth);
                        if (children is not null) parts.Add(property.Name == "and" ? new AndNode(children) : new OrNode(children));
                        break;
                    case "not":
                        var child = Node(property.Value, childPath, depth + 1);
                        if (child is not null) parts.Add(new NotNode(child));
                        break;
                    case ActivityNode.Key when activities is not null:
                        if (Activity(activities, property.Value, childPath) is { } activity) parts.Add(activity);
                        break;
                    default:
                        parts.AddRange(Field(property.Name, property.Value, childPath));
                        break;
                }
                if (stopped) return null;
            }
            if (parts.Count == 0 && Errors.Count == errorsBefore)
            {
                return Fail<FilterNode>(path, "Empty filter object: give at least one condition, such as {\"lastName\":{\"eq\":\"Smith\"}}.");
            }
            if (Errors.Count > errorsBefore) return null;
            return parts.Count == 1 ? parts[0] : new AndNode(parts);
        }

        private List<FilterNode>? List(JsonElement json, string path, int depth)
        {
            if (json.ValueKind != JsonValueKind.Array || json.GetArrayLength() == 0)
            {
                return Fail<List<FilterNode>>(path, "Expected a non-empty array of filter objects.");
            }
            var nodes = new List<FilterNode>();
            var index = 0;
            foreach (var item in json.EnumerateArray())
            {
                var node = Node(item, $"{path}[{index++}]", depth + 1);
                if (stopped) return null;
                if (node is not null) nodes.Add(node);
            }
            return nodes.Count == index ? nodes : null;
        }

        private IEnumerable<ConditionNode> Field(string name, JsonElement json, string path)
        {
            var field = find(name);
            if (field is null)
            {
                Fail<object>(path, UnknownField(name));
                return [];
            }
            return Conditions(field, json, path);
        }

        /// <summary>The conditions of one field's object of operators, <c>{"gte":...,"lt":...}</c>.</summary>
        private List<ConditionNode> Conditions(FieldDefinition field, JsonElement json, string path)
        {
            var name = field.Name;
            var allowed = QueryNames.List(field.Operators);
            if (json.ValueKind != JsonValueKind.Object || !json.EnumerateObject().Any())
            {
                Fail<object>(path, $"Expected an object of operators for field '{name}', such as {{\"{QueryNames.Of(field.Operators[0])}\": ...}}. Allowed operators: {allowed}.");
                return [];
            }
            var nodes = new List<ConditionNode>();
            foreach (var operand in json.EnumerateObject())
            {
                if (!TakeCondition()) return [];
                var node = Condition(field, operand.Name, operand.Value, $"{path}.{operand.Name}", allowed);
                if (node is not null) nodes.Add(node);
            }
            return nodes;
        }

        private ConditionNode? Condition(FieldDefinition field, string opName, JsonElement json, string path, string allowed)
        {
            if (!QueryNames.TryParseOperator(opName, out var op))
            {
                return Fail<ConditionNode>(path, $"Unknown operator '{opName}' for field '{field.Name}'. Allowed operators: {allowed}.");
            }
            if (!field.Operators.Contains(op))
            {
                var why = op == FilterOperator.IsNull && field.Type != FieldType.StringSet
                    ? $"field '{field.Name}' always has a value"
                    : $"it does not apply to field '{field.Name}' ({QueryNames.Of(field.Type)})";
                return Fail<ConditionNode>(path, $"Operator '{opName}' is not allowed: {why}. Allowed operators: {allowed}.");
            }
            if (op is FilterOperator.WithinLast or FilterOperator.OlderThan)
            {
                if (json.ValueKind != JsonValueKind.String)
                {
                    return Fail<ConditionNode>(path,
                        $"Operator '{opName}' expects an ISO 8601 duration such as {RelativeDuration.Examples}; got {FieldValues.Describe(json)}.");
                }
                return RelativeDuration.TryParse(json.GetString()!, out var duration, out var problem)
                    ? new ConditionNode(field.Name, op, [duration])
                    : Fail<ConditionNode>(path, $"Operator '{opName}' expects an ISO 8601 duration. {problem}");
            }
            if (op == FilterOperator.IsNull)
            {
                return json.ValueKind is JsonValueKind.True or JsonValueKind.False
                    ? new ConditionNode(field.Name, op, [json.GetBoolean()])
                    : Fail<ConditionNode>(path, $"Operator 'isNull' expects true or false; got {json.ValueKind.ToString().ToLowerInvariant()}.");
            }
            if (op is FilterOperator.In or FilterOperator.Nin)
            {
                if (json.ValueKind != JsonValueKind.Array || json.GetArrayLength() is 0 or > MaxListValues)
                {
                    return Fail<ConditionNode>(path, $"Operator '{opName}' expects a non-empty array of at most {MaxListValues} values.");
                }
                var values = new List<object>();
                var index = 0;
                foreach (var item in json.EnumerateArray())
                {
                    if (Literal(field, item, $"{path}[{index++}]") is { } value) values.Add(value);
                }
                return values.Count == index ? new ConditionNode(field.Name, op, values) : null;
            }
            return Literal(field, json, path) is { } literal ? new ConditionNode(field.Name, op, [literal]) : null;
        }

        private object? Literal(FieldDefinition field, JsonElement json, string path)
        {
            if (FieldValues.TryRead(field, json, normalize: true, out var value, out var error)) return value;
            if (json.ValueKind == JsonValueKind.Null && field.Operators.Contains(FilterOperator.IsNull))
            {
                error += " To match a missing value use {\"isNull\": true}.";
            }
            return Fail<object>(path, error);
        }

        /// <summary>Counts one more condition against <see cref="MaxConditions"/>; false, and parsing stops, past it.</summary>
        private bool TakeCondition()
        {
            if (++conditions <= MaxConditions) return true;
            stopped = true;
            Fail<object>(rootPath, $"The filter has too many conditions: at most {MaxConditions} are allowed.");
            return false;
        }

        /// <summary>Parses <c>{"type":...,"field":{...},"none":true,"count":{...},"sum":{"amount":{...}}}</c>.</summary>
        private ActivityNode? Activity(ActivityLinks links, JsonElement json, string path)
        {
            if (json.ValueKind != JsonValueKind.Object || !json.EnumerateObject().Any())
            {
                return Fail<ActivityNode>(path, $"Expected an activity condition such as {ActivityExample}.");
            }
            if (!TakeCondition()) return null;
            var typeField = links.Activities.FindField("type")!;
            var errorsBefore = Errors.Count;
            object? type = null;
            bool? none = null;
            List<MeasureTest>? count = null;
            (string Field, List<MeasureTest> Tests)? sum = null;
            var where = new List<ConditionNode>();
            foreach (var property in json.EnumerateObject())
            {
                var childPath = $"{path}.{property.Name}";
                switch (property.Name)
                {
                    case "type":
                        if (FieldValues.TryRead(typeField, property.Value, normalize: true, out var member, out _)) type = member;
                        else Fail<object>(childPath, $"The activity type must be one of {string.Join(", ", typeField.EnumValues!)}; got {FieldValues.Describe(property.Value)}.");
                        break;
                    case "none":
                        if (property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False) none = property.Value.GetBoolean();
                        else Fail<object>(childPath, $"'none' expects true (the record has no such activity) or false; got {FieldValues.Describe(property.Value)}.");
                        break;
                    case "count":
                        count = Measure(property.Value, childPath, null);
                        break;
                    case "sum":
                        sum = Sum(links.Activities, property.Value, childPath);
                        break;
                    default:
                        if (links.Activities.FindField(property.Name) is { } field) where.AddRange(Conditions(field, property.Value, childPath));
                        else Fail<object>(childPath, UnknownActivityKey(links.Activities, property.Name));
                        break;
                }
                if (stopped) return null;
            }
            if (type is null && !json.TryGetProperty("type", out _))
            {
                Fail<object>($"{path}.type", $"An activity condition needs a 'type', one of {string.Join(", ", typeField.EnumValues!)}; such as {ActivityExample}.");
            }
            if (none == true && (count is not null || sum is not null))
            {
                Fail<object>($"{path}.none",
                    "'none' cannot be combined with 'count' or 'sum': it already says how many activities match (zero). "
                    + "Use {\"count\":{\"eq\":0}} alongside 'sum', or drop 'none'.");
            }
            if (Errors.Count > errorsBefore) return null;
            return new ActivityNode((ActivityType)type!, where, none == true, count ?? [], sum?.Field, sum?.Tests ?? []);
        }

        /// <summary><c>{"amount":{"gte":500}}</c>: one number field of the activities, and the tests of its sum.</summary>
        private (string, List<MeasureTest>)? Sum(ObjectCatalog<Activity> catalog, JsonElement json, string path)
        {
            var numbers = catalog.Fields.Where(f => f.Type is FieldType.Integer or FieldType.Decimal).Select(f => f.Name).ToList();
            var example = $"{{\"{(numbers.Contains("amount") ? "amount" : numbers[0])}\":{{\"gte\":500}}}}";
            if (json.ValueKind != JsonValueKind.Object || json.EnumerateObject().Count() != 1)
            {
                Fail<object>(path, $"'sum' expects one number field of the activities with its tests, such as {example}. Number fields: {string.Join(", ", numbers)}.");
                return null;
            }
            var property = json.EnumerateObject().Single();
            var field = catalog.FindField(property.Name);
            if (field is null || field.Type is not (FieldType.Integer or FieldType.Decimal))
            {
                var problem = field is null ? $"Activities have no field '{property.Name}'." : $"Field '{property.Name}' is not a number.";
                Fail<object>($"{path}.{property.Name}", $"{problem} 'sum' adds up a number field: {string.Join(", ", numbers)}; such as {example}.");
                return null;
            }
            var tests = Measure(property.Value, $"{path}.{property.Name}", field);
            return tests is null ? null : (field.Name, tests);
        }

        /// <summary>
        /// <c>{"gte":2,"lt":10}</c>: tests of a count (<paramref name="summed"/> null: whole numbers from 0) or of the sum of
        /// a field (numbers of that field's kind).
        /// </summary>
        private List<MeasureTest>? Measure(JsonElement json, string path, FieldDefinition? summed)
        {
            var allowed = QueryNames.List(MeasureOperators);
            var what = summed is null ? "'count'" : $"The sum of '{summed.Name}'";
            if (json.ValueKind != JsonValueKind.Object || !json.EnumerateObject().Any())
            {
                return Fail<List<MeasureTest>>(path, $"{what} expects an object of comparisons such as {{\"gte\":2}}. Allowed operators: {allowed}.");
            }
            var tests = new List<MeasureTest>();
            var errorsBefore = Errors.Count;
            foreach (var operand in json.EnumerateObject())
            {
                if (!TakeCondition()) return null;
                var operandPath = $"{path}.{operand.Name}";
                if (!QueryNames.TryParseOperator(operand.Name, out var op) || !MeasureOperators.Contains(op))
                {
                    Fail<object>(operandPath, $"Operator '{operand.Name}' does not apply to {(summed is null ? "a count" : "a sum")}. Allowed operators: {allowed}.");
                    continue;
                }
                var value = operand.Value;
                var whole = summed is null || summed.Type == FieldType.Integer;
                if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number)
                    && (!whole || number == decimal.Truncate(number))
                    && (summed is null ? number is >= 0 and <= int.MaxValue : Common.Validation.Rules.IsStorableDecimal(number)))
                {
                    tests.Add(new MeasureTest(op, whole ? decimal.Truncate(number) : number));
                    continue;
                }
                var expected = summed is null ? $"a whole number from 0 to {int.MaxValue}"
                    : whole ? "a whole number below 10^14" : "a number below 10^14 with at most 4 decimal places";
                Fail<object>(operandPath, $"{what} is compared with {expected}; got {FieldValues.Describe(value)}.");
            }
            return Errors.Count > errorsBefore ? null : tests;
        }

        private static string UnknownActivityKey(ObjectCatalog<Activity> catalog, string name)
        {
            var fields = catalog.Fields.Where(f => f.Name != "type").Select(f => f.Name);
            return $"Unknown key '{name}' in an activity condition. It takes 'type' (required), 'none', 'count', 'sum', "
                + $"and conditions on the activities' fields: {string.Join(", ", fields)}.";
        }

        private string UnknownField(string name)
        {
            var sameLetters = knownFields.FirstOrDefault(f => string.Equals(f, name, StringComparison.OrdinalIgnoreCase));
            var hint = sameLetters is null ? "" : $" Did you mean '{sameLetters}'?";
            var shown = knownFields.Take(12).ToList();
            var more = knownFields.Count > shown.Count ? $" and {knownFields.Count - shown.Count} more" : "";
            return $"Unknown field '{name}'.{hint} Known fields: {string.Join(", ", shown)}{more}.";
        }

        private T? Fail<T>(string path, string message) where T : class
        {
            Errors.Add(Error.Validation(path, message));
            return null;
        }
    }
}
