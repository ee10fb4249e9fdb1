using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CrmApi.Application.Common;
using CrmApi.Application.Common.Validation;
using CrmApi.Domain.CustomFields;
using Microsoft.EntityFrameworkCore;

namespace CrmApi.Application.CustomFields;

/// <summary>Defining, changing and retiring custom fields of contacts, companies and deals.</summary>
public sealed partial class CustomFieldHandlers(ICrmDbContext db, WorkspaceContext workspace, CustomFieldSet set, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> ObjectTypes = ["contact", "company", "deal", "ticket"];
    public const int OptionsMax = 200;

    public async Task<Result<IReadOnlyList<CustomFieldDto>>> ListAsync(string objectType, CancellationToken ct)
    {
        if (!ObjectTypes.Contains(objectType)) return Error.NotFound("object type");
        return Result<IReadOnlyList<CustomFieldDto>>.Ok([.. (await set.ForAsync(objectType, ct)).Where(f => !f.IsRetired).Select(CustomFieldDto.From)]);
    }

    public async Task<Result<CustomFieldDto>> CreateAsync(string objectType, JsonObject body, CancellationToken ct)
    {
        if (!ObjectTypes.Contains(objectType)) return Error.NotFound("object type");
        var input = JsonInput.Read<CustomFieldInput>(body);
        if (!input.IsSuccess) return Result<CustomFieldDto>.Fail(input.Errors);
        var i = input.Value!;
        var errors = new List<Error>();
        if (i.Key is null || !KeyPattern().IsMatch(i.Key))
            errors.Add(Error.Validation("key", "'key' must start with a lower-case letter and hold letters, digits and '_' (up to 50)."));
        if (i.Type is not { } type) return Result<CustomFieldDto>.Fail([.. errors, Error.Validation("type", "'type' is required.")]);
        var label = Rules.RequiredText(errors, "label", i.Label, Rules.NameMax);
        var options = Options(errors, type, i.Options);
        var unique = i.Unique ?? false;
        if (unique && type is CustomFieldType.Boolean or CustomFieldType.Multiselect)
            errors.Add(Error.Validation("unique", $"A {type.ToString().ToLowerInvariant()} field cannot be unique."));
        if (errors.Count > 0) return Result<CustomFieldDto>.Fail(errors);

        var existing = await set.ForAsync(objectType, ct, fresh: true);
        if (existing.Any(f => f.Key == i.Key))
            return Error.Conflict($"The {objectType} already has a field '{i.Key}' (keys of retired fields stay taken).", "key");
        var kind = CustomSlots.KindOf(type);
        var prefix = CustomSlots.Prefix(kind);
        var free = Enumerable.Range(1, CustomSlots.Capacity(kind)).Select(n => prefix + n).FirstOrDefault(s => existing.All(f => f.Slot != s));
        if (free is null)
            return Error.Conflict($"A {objectType} can have at most {CustomSlots.Capacity(kind)} fields of this kind ({kind.ToString().ToLowerInvariant()}).", "type");

        var field = new CustomFieldDefinition(Guid.CreateVersion7(clock.GetUtcNow()), workspace.RequiredId, objectType, i.Key!, label, type,
            options, i.Required ?? false, unique, free, clock.GetUtcNow());
        db.CustomFields.Add(field);
        if (await Writes.SaveAsync(db, ct) is { } error) return error;
        set.Forget(objectType);
        return CustomFieldDto.From(field);
    }

    /// <summary>
    /// Changes label, options, required, or the type within its kind when every stored value still fits. The key is
    /// fixed: a different key is refused.
    /// </summary>
    public async Task<Result<CustomFieldDto>> UpdateAsync(string objectType, string key, JsonObject body, CancellationToken ct)
    {
        var field = await db.CustomFields.FirstOrDefaultAsync(f => f.ObjectType == objectType && f.Key == key && f.RetiredAt == null, ct);
        if (field is null) return Error.NotFound("custom field");
        var input = JsonInput.Read<CustomFieldInput>(body);
        if (!input.IsSuccess) return Result<CustomFieldDto>.Fail(input.Errors);
        var i = input.Value!;
        var errors = new List<Error>();
        if (i.Key is not null && i.Key != key) errors.Add(Error.Validation("key", "A field's key cannot change: create a new field instead."));
        if (i.Unique is { } u && u != field.Unique) errors.Add(Error.Validation("unique", "Whether a field is unique cannot change."));
        var type = i.Type ?? field.Type;
        var label = i.Label is null ? field.Label : Rules.RequiredText(errors, "label", i.Label, Rules.NameMax);
        List<string> options;
        if (i.Options is not null) options = Options(errors, type, i.Options);
        else if (IsChoice(type)) options = IsChoice(field.Type) ? field.Options : Options(errors, type, null);
        else options = [];
        if (errors.Count > 0) return Result<CustomFieldDto>.Fail(errors);

        if (type != field.Type && CustomSlots.KindOf(type) != CustomSlots.KindOf(field.Type))
            return Error.Conflict($"A {field.Type.ToString().ToLowerInvariant()} field cannot become {type.ToString().ToLowerInvariant()}: its values are stored differently.", "type");
        var changed = new CustomFieldDefinition(field.Id, field.WorkspaceId, objectType, key, label, type, options, i.Required ?? field.Required,
            field.Unique, field.Slot, field.CreatedAt);
        if (await FirstMisfitAsync(objectType, field, changed, ct) is { } misfit)
            return Error.Conflict($"Existing values do not fit the changed field (for example {misfit}); change those records first.", "type");

        field.Change(label, options, i.Required ?? field.Required, type, clock.GetUtcNow());
        if (await Writes.SaveAsync(db, ct) is { } error) return error;
        set.Forget(objectType);
        return CustomFieldDto.From(field);
    }

    /// <summary>Retires a field: it leaves records and filters; its values stay in the event history.</summary>
    public async Task<Result<Unit>> RetireAsync(string objectType, string key, CancellationToken ct)
    {
        var field = await db.CustomFields.FirstOrDefaultAsync(f => f.ObjectType == objectType && f.Key == key && f.RetiredAt == null, ct);
        if (field is null) return Error.NotFound("custom field");
        field.Retire(clock.GetUtcNow());
        if (await Writes.SaveAsync(db, ct) is { } error) return error;
        set.Forget(objectType);
        return Unit.Value;
    }

    /// <summary>A stored value that the changed definition would refuse, as its JSON; null when all fit.</summary>
    private async Task<string?> FirstMisfitAsync(string objectType, CustomFieldDefinition before, CustomFieldDefinition after, CancellationToken ct)
    {
        if (CustomSlots.KindOf(after.Type) is not SlotKind.Text and not SlotKind.Time) return null;
        // Distinct values are few compared with the table: the database reads the one slot column and de-duplicates.
        var stored = objectType switch
        {
            "contact" => await CustomValues.DistinctAsync(db.Contacts.IgnoreQueryFilters([QueryFilters.SoftDelete]), c => c.Custom, before.Slot, ct),
            "company" => await CustomValues.DistinctAsync(db.Companies.IgnoreQueryFilters([QueryFilters.SoftDelete]), c => c.Custom, before.Slot, ct),
            "deal" => await CustomValues.DistinctAsync(db.Deals.IgnoreQueryFilters([QueryFilters.SoftDelete]), d => d.Custom, before.Slot, ct),
            _ => await CustomValues.DistinctAsync(db.Tickets.IgnoreQueryFilters([QueryFilters.SoftDelete]), t => t.Custom, before.Slot, ct),
        };
        foreach (var value in stored)
        {
            var json = CustomValues.ToJson([before], CustomSlots.Empty.With(before.Slot, value))[before.Key];
            var read = CustomValues.Read([after], new JsonObject { [after.Key] = json?.DeepClone() }, CustomSlots.Empty, creating: false);
            if (!read.IsSuccess) return json?.ToJsonString();
        }
        return null;
    }

    private static bool IsChoice(CustomFieldType t) => t is CustomFieldType.Select or CustomFieldType.Multiselect;

    private static List<string> Options(List<Error> errors, CustomFieldType type, List<string?>? options)
    {
        if (!IsChoice(type))
        {
            if (options is { Count: > 0 }) errors.Add(Error.Validation("options", "Only select and multiselect fields have options."));
            return [];
        }
        if (options is null || options.Count == 0)
        {
            errors.Add(Error.Validation("options", "A select field needs at least one option."));
            return [];
        }
        if (options.Count > OptionsMax) errors.Add(Error.Validation("options", $"At most {OptionsMax} options are allowed."));
        var result = new List<string>();
        for (var n = 0; n < options.Count; n++)
        {
            var o = options[n]?.Trim();
            if (string.IsNullOrEmpty(o) || o.Length > Rules.ShortTextMax || o.Contains('|'))
                errors.Add(Error.Validation($"options[{n}]", $"An option is 1 to {Rules.ShortTextMax} characters, without '|'."));
            else if (result.Contains(o)) errors.Add(Error.Validation($"options[{n}]", $"'{o}' appears twice."));
            else result.Add(o);
        }
        return result;
    }

    [GeneratedRegex("^[a-z][a-zA-Z0-9_]{0,49}$")]
    private static partial Regex KeyPattern();
}
