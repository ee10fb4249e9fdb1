using System.Text.Json;
using CrmApi.Application.Common;

namespace CrmApi.Application.Querying;

/// <summary>
/// Parses the platform's filter language against a catalog:
/// <c>{"and":[...]}</c>, <c>{"or":[...]}</c>, <c>{"not":{...}}</c>, <c>{"field":{"op":value}}</c>; several keys in one
/// object are an implicit AND. Every problem is a validation error whose field is a path into the filter
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
        var parser = new TreeReader(catalog.FindField, catalog.FilterableNames, path);
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

    private sealed class TreeReader(Func<string, FieldDefinition?> find, IReadOnlyList<string> knownFields, string rootPath)
    {
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

        private IEnumerable<FilterNode> Field(string name, JsonElement json, string path)
        {
            var field = find(name);
            if (field is null)
            {
                Fail<object>(path, UnknownField(name));
                return [];
            }
            var allowed = QueryNames.List(field.Operators);
            if (json.ValueKind != JsonValueKind.Object || !json.EnumerateObject().Any())
            {
                Fail<object>(path, $"Expected an object of operators for field '{name}', such as {{\"{QueryNames.Of(field.Operators[0])}\": ...}}. Allowed operators: {allowed}.");
                return [];
            }
            var nodes = new List<FilterNode>();
            foreach (var operand in json.EnumerateObject())
            {
                if (++conditions > MaxConditions)
                {
                    stopped = true;
                    Fail<object>(rootPath, $"The filter has too many conditions: at most {MaxConditions} are allowed.");
                    return [];
                }
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
