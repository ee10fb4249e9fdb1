using System.Globalization;
using System.Linq.Expressions;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmApi.Application.Common;
using CrmApi.Application.Common.Validation;
using CrmApi.Application.Querying;
using CrmApi.Domain.CustomFields;
using Microsoft.EntityFrameworkCore;

namespace CrmApi.Application.CustomFields;

/// <summary>
/// Custom field values between their JSON form (<c>"custom": { "tier": "gold" }</c>) and their slots, and the custom
/// fields' place in the filter catalog.
/// </summary>
public static class CustomValues
{
    public const int TextMax = 1000;
    public const int UrlMax = 2000;

    /// <summary>
    /// Reads <paramref name="custom"/> (the whole custom object after any merge patch) into slots. Unknown or retired
    /// keys and wrong values are errors naming <c>custom.key</c>; required fields must have a value on create.
    /// Retired fields keep what their slots held.
    /// </summary>
    public static Result<CustomSlots> Read(IReadOnlyList<CustomFieldDefinition> fields, JsonObject? custom, CustomSlots current, bool creating)
    {
        var errors = new List<Error>();
        var active = fields.Where(f => !f.IsRetired).ToDictionary(f => f.Key, StringComparer.Ordinal);
        foreach (var (key, _) in custom ?? [])
            if (!active.ContainsKey(key)) errors.Add(Error.Validation($"custom.{key}", $"There is no custom field '{key}' on this object."));

        var slots = current;
        foreach (var field in active.Values)
        {
            var node = custom?[field.Key];
            var value = node is null ? null : Parse(field, node, errors);
            if (value is null && node is null && creating && field.Required)
                errors.Add(Error.Validation($"custom.{field.Key}", $"'custom.{field.Key}' is required."));
            slots = slots.With(field.Slot, value);
        }
        return errors.Count > 0 ? Result<CustomSlots>.Fail(errors) : slots;
    }

    private static object? Parse(CustomFieldDefinition f, JsonNode node, List<Error> errors)
    {
        var field = $"custom.{f.Key}";
        object? Bad(string expected)
        {
            errors.Add(Error.Validation(field, $"'{field}' must be {expected}."));
            return null;
        }
        var kind = node.GetValueKind();
        switch (f.Type)
        {
            case CustomFieldType.Boolean:
                return kind is JsonValueKind.True or JsonValueKind.False ? node.GetValue<bool>() : Bad("true or false");
            case CustomFieldType.Number or CustomFieldType.Decimal or CustomFieldType.Currency:
                return kind == JsonValueKind.Number && node.AsValue().TryGetValue<decimal>(out var d) && Rules.IsStorableDecimal(d)
                    ? d : Bad("a number below 10^14 with at most 4 decimal places");
            case CustomFieldType.Date:
                return kind == JsonValueKind.String && DateOnly.TryParseExact(node.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : Bad("a date (YYYY-MM-DD)");
            case CustomFieldType.Datetime:
                return kind == JsonValueKind.String && DateTimeOffset.TryParse(node.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
                    && node.GetValue<string>().Contains('T')
                    ? Domain.Common.Record.Truncate(at) : Bad("a date-time with offset (ISO 8601)");
            case CustomFieldType.Multiselect:
                if (node is not JsonArray array || array.Any(i => i?.GetValueKind() != JsonValueKind.String)) return Bad($"a list of: {string.Join(", ", f.Options)}");
                var chosen = array.Select(i => i!.GetValue<string>()).ToList();
                if (chosen.FirstOrDefault(c => !f.Options.Contains(c)) is { } unknown) return Bad($"a list of: {string.Join(", ", f.Options)} ('{unknown}' is not one)");
                return chosen.Count == 0 ? null : "|" + string.Join("|", f.Options.Where(chosen.Contains)) + "|";
        }
        if (kind != JsonValueKind.String) return Bad("a string");
        var text = node.GetValue<string>().Trim();
        if (!JsonInput.IsStorable(text)) return Bad("text without U+0000 or unpaired surrogates");
        switch (f.Type)
        {
            case CustomFieldType.Select:
                return f.Options.Contains(text) ? text : Bad($"one of: {string.Join(", ", f.Options)}");
            case CustomFieldType.Email:
                return Rules.Email(errors, field, text);
            case CustomFieldType.Phone:
                return Rules.Phone(errors, field, text);
            case CustomFieldType.Url:
                return text.Length <= UrlMax && Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                    ? text : Bad("an absolute http(s) URL");
            default:
                return text.Length <= TextMax ? (text.Length == 0 ? null : text) : Bad($"at most {TextMax} characters");
        }
    }

    /// <summary>The custom object of a record: every active field with a value.</summary>
    public static JsonObject ToJson(IReadOnlyList<CustomFieldDefinition> fields, CustomSlots slots)
    {
        var json = new JsonObject();
        foreach (var f in fields.Where(f => !f.IsRetired))
        {
            var value = slots.Get(f.Slot);
            if (value is null) continue;
            json[f.Key] = f.Type switch
            {
                CustomFieldType.Multiselect => new JsonArray([.. ((string)value).Trim('|').Split('|').Select(v => (JsonNode)v)]),
                CustomFieldType.Date => ((DateTimeOffset)value).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                _ => JsonSerializer.SerializeToNode(value, CrmJson.Options),
            };
        }
        return json;
    }

    /// <summary>The base catalog plus one field per active custom field, <c>custom.key</c>, reading its slot.</summary>
    public static ObjectCatalog<T> Catalog<T>(ObjectCatalog<T> baseCatalog, Expression<Func<T, CustomSlots>> custom,
        IReadOnlyList<CustomFieldDefinition> fields)
    {
        var active = fields.Where(f => !f.IsRetired).ToList();
        if (active.Count == 0) return baseCatalog;
        var builder = ObjectCatalogBuilder<T>.From(baseCatalog);
        foreach (var f in active)
        {
            var name = $"custom.{f.Key}";
            switch (CustomSlots.KindOf(f.Type))
            {
                case SlotKind.Decimal:
                    builder.Field(name, FieldType.Decimal, Slot<T, decimal?>(custom, f.Slot));
                    break;
                case SlotKind.Time:
                    builder.Field(name, FieldType.DateTime, Slot<T, DateTimeOffset?>(custom, f.Slot));
                    break;
                case SlotKind.Flag:
                    builder.Field(name, FieldType.Boolean, Slot<T, bool?>(custom, f.Slot));
                    break;
                default:
                    builder.Field(name, FieldType.String, Slot<T, string?>(custom, f.Slot),
                        normalize: f.Type == CustomFieldType.Email ? CommonFields.Lower : null,
                        sortable: f.Type != CustomFieldType.Multiselect);
                    break;
            }
        }
        return builder.Build(defaultSort: baseCatalog.DefaultSort);
    }

    /// <summary>
    /// <paramref name="catalog"/> with the custom fields of the object behind one of its relations reachable through it
    /// (<c>company.custom.tier</c>).
    /// </summary>
    public static ObjectCatalog<T> WithRelatedCustomFields<T, TRelated>(ObjectCatalog<T> catalog, string relation,
        ObjectCatalog<TRelated> related, Expression<Func<TRelated, CustomSlots>> custom, IReadOnlyList<CustomFieldDefinition> fields)
    {
        var own = Catalog(related, custom, fields).Fields.Where(f => f.Name.StartsWith("custom.", StringComparison.Ordinal)).ToList();
        return own.Count == 0
            ? catalog
            : ObjectCatalogBuilder<T>.From(catalog).ExtendRelation<TRelated>(relation, own).Build(defaultSort: catalog.DefaultSort);
    }

    /// <summary>A unique custom field's value that another record already holds.</summary>
    public static async Task<Error?> UniqueConflictAsync<T>(IQueryable<T> all, Expression<Func<T, Guid>> id, Expression<Func<T, CustomSlots>> custom,
        IReadOnlyList<CustomFieldDefinition> fields, Guid recordId, CustomSlots slots, CancellationToken ct)
    {
        foreach (var f in fields.Where(f => f.Unique && !f.IsRetired))
        {
            if (slots.Get(f.Slot) is not { } value) continue;
            var p = custom.Parameters[0];
            var slot = Expression.Property(custom.Body, f.Slot);
            var sameValue = Expression.Equal(slot, Expression.Convert(Expression.Constant(value), slot.Type));
            var other = Expression.NotEqual(new Swap(id.Parameters[0], p).Visit(id.Body), Expression.Constant(recordId));
            var predicate = Expression.Lambda<Func<T, bool>>(Expression.AndAlso(sameValue, other), p);
            if (await all.AnyAsync(predicate, ct))
                return Error.Conflict($"Another record already has '{ToJson([f], slots)[f.Key]?.ToJsonString()}' in the unique field 'custom.{f.Key}'.", $"custom.{f.Key}");
        }
        return null;
    }

    /// <summary>The distinct non-null values stored in one slot, read by the database from that column alone.</summary>
    public static Task<List<object>> DistinctAsync<T>(IQueryable<T> source, Expression<Func<T, CustomSlots>> custom, string slot,
        CancellationToken ct) => slot[0] switch
    {
        'S' => DistinctAsync<T, string?>(source, custom, slot, ct),
        'D' => DistinctAsync<T, decimal?>(source, custom, slot, ct),
        'T' => DistinctAsync<T, DateTimeOffset?>(source, custom, slot, ct),
        _ => DistinctAsync<T, bool?>(source, custom, slot, ct),
    };

    private static async Task<List<object>> DistinctAsync<T, TValue>(IQueryable<T> source, Expression<Func<T, CustomSlots>> custom, string slot,
        CancellationToken ct)
    {
        var values = await source.Select(Slot<T, TValue>(custom, slot)).Where(v => v != null).Distinct().ToListAsync(ct);
        return [.. values.Select(v => (object)v!)];
    }

    private static Expression<Func<T, TValue>> Slot<T, TValue>(Expression<Func<T, CustomSlots>> custom, string slot)
        => Expression.Lambda<Func<T, TValue>>(Expression.Property(custom.Body, slot), custom.Parameters);

    private sealed class Swap(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
