using System.Collections;
using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CrmApi.Infrastructure.Persistence.Bulk;

/// <summary>
/// A mapped table as the bulk path writes it: every column of the entity type and of its complex properties, each with
/// how to read its value off the entity and convert it the way EF Core does before it binds (ticks, fixed-point money,
/// JSON lists, enums as text), so a row is what <c>SaveChanges</c> would have written.
/// </summary>
public sealed record BulkTable(string Name, IReadOnlyList<BulkColumn> Columns)
{
    private static readonly ConcurrentDictionary<IEntityType, BulkTable> Tables = new();

    public string ColumnList => string.Join(", ", Columns.Select(c => $"\"{c.Name}\""));

    public static BulkTable Of(IEntityType type) => Tables.GetOrAdd(type, Build);

    private static BulkTable Build(IEntityType type)
    {
        var name = type.GetTableName() ?? throw new InvalidOperationException($"{type.DisplayName()} has no table.");
        var store = StoreObjectIdentifier.Table(name, type.GetSchema());
        var columns = new List<BulkColumn>();
        void Add(IEnumerable<IProperty> properties)
        {
            foreach (var p in properties)
            {
                if (p.IsShadowProperty()) throw new NotSupportedException($"{type.DisplayName()}.{p.Name} is a shadow property.");
                var getter = p.GetGetter();
                columns.Add(new BulkColumn(p.GetColumnName(store) ?? throw new InvalidOperationException($"{p.Name} has no column in {name}."),
                    (RelationalTypeMapping)p.GetTypeMapping(), getter.GetClrValueUsingContainingEntity));
            }
        }
        void AddComplex(IEnumerable<IComplexProperty> complex)
        {
            foreach (var c in complex)
            {
                Add(c.ComplexType.GetProperties());
                AddComplex(c.ComplexType.GetComplexProperties());
            }
        }
        Add(type.GetProperties());
        AddComplex(type.GetComplexProperties());
        return new BulkTable(name, columns);
    }
}

/// <summary>One column of a <see cref="BulkTable"/>.</summary>
public sealed record BulkColumn(string Name, RelationalTypeMapping Mapping, Func<object, object?> Get)
{
    private object? _empty;

    public object? ProviderValue(object entity)
    {
        var value = Get(entity);
        if (value is null || Mapping.Converter is not { } converter) return value;
        // Most lists are empty, and converting one to JSON costs more than everything else in a row.
        if (value is ICollection { Count: 0 }) return _empty ??= converter.ConvertToProvider(value);
        return converter.ConvertToProvider(value);
    }
}
