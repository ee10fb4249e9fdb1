using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrmApi.Application.Common;

/// <summary>
/// The JSON contract of the API: camelCase, strict numbers (no numbers in strings), string enums in camelCase, and
/// unknown properties rejected rather than silently dropped.
/// </summary>
public static class CrmJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Applies the contract to an options instance owned by a host (ASP.NET Core's, a client's).</summary>
    public static void Configure(JsonSerializerOptions o)
    {
        o.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        o.DictionaryKeyPolicy = null;
        o.PropertyNameCaseInsensitive = false;
        o.NumberHandling = JsonNumberHandling.Strict;
        o.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        o.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
    }

    private static JsonSerializerOptions Create()
    {
        var o = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(o);
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }
}
