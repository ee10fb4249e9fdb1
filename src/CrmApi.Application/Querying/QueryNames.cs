using System.Text.Json;

namespace CrmApi.Application.Querying;

/// <summary>
/// The wire names of operators and field types. They derive from the enum member names so that the two can never
/// drift apart; clients see only these names.
/// </summary>
internal static class QueryNames
{
    private static readonly Dictionary<string, FilterOperator> OperatorsByName =
        Enum.GetValues<FilterOperator>().ToDictionary(Of, StringComparer.Ordinal);

    public static string Of(FilterOperator op) => CamelCase(op.ToString());

    public static string Of(FieldType type) => CamelCase(type.ToString());

    public static bool TryParseOperator(string name, out FilterOperator op) => OperatorsByName.TryGetValue(name, out op);

    public static string CamelCase(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);

    public static string List(IEnumerable<FilterOperator> operators) => string.Join(", ", operators.Select(Of));
}
