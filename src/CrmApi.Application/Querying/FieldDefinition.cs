using System.Linq.Expressions;

namespace CrmApi.Application.Querying;

/// <summary>
/// One field a client can filter (and maybe sort) on: its public name, what it holds and how to reach it.
/// Built through <see cref="ObjectCatalogBuilder{TEntity}"/>, which checks the accessor against the type.
/// </summary>
public sealed class FieldDefinition
{
    private readonly Lazy<Func<object, object?>> getter;
    private readonly Dictionary<string, object>? enumByName;
    private readonly Dictionary<object, string>? nameByEnum;

    internal FieldDefinition(
        string name,
        FieldType type,
        LambdaExpression accessor,
        bool nullable,
        bool sortable,
        IReadOnlyList<FilterOperator> operators,
        Func<string, string>? normalizer)
    {
        Name = name;
        Type = type;
        Accessor = accessor;
        Nullable = nullable;
        Sortable = sortable;
        Operators = operators;
        Normalizer = normalizer;
        if (type == FieldType.Enum)
        {
            var enumType = System.Nullable.GetUnderlyingType(ValueType) ?? ValueType;
            var members = Enum.GetValues(enumType).Cast<object>().ToList();
            nameByEnum = members.ToDictionary(m => m, m => QueryNames.CamelCase(m.ToString()!));
            enumByName = members.ToDictionary(m => nameByEnum[m], m => m, StringComparer.Ordinal);
            EnumValues = [.. members.Select(m => nameByEnum[m])];
        }
        getter = new Lazy<Func<object, object?>>(CompileGetter);
    }

    /// <summary>The public name, camelCase and maybe dotted (<c>address.city</c>, <c>company.domain</c>).</summary>
    public string Name { get; }
    public FieldType Type { get; }
    /// <summary>Whether the field can lack a value, which is what makes <c>isNull</c> apply.</summary>
    public bool Nullable { get; }
    public bool Sortable { get; }
    public IReadOnlyList<FilterOperator> Operators { get; }
    /// <summary>The camelCase names an enum field accepts, in declaration order; null for other types.</summary>
    public IReadOnlyList<string>? EnumValues { get; }
    /// <summary>Brings a string literal to the form the data is stored in (e.g. lower-case emails), so eq stays exact.</summary>
    public Func<string, string>? Normalizer { get; }
    /// <summary>An <c>Expression&lt;Func&lt;TEntity, TProp&gt;&gt;</c> that reads the field.</summary>
    public LambdaExpression Accessor { get; }
    /// <summary>The CLR type the accessor returns (<c>int?</c>, <c>string</c>, <c>List&lt;string&gt;</c>...).</summary>
    public Type ValueType => Accessor.ReturnType;

    internal Type EntityType => Accessor.Parameters[0].Type;

    /// <summary>The CLR type of one literal: the property type without <c>Nullable&lt;&gt;</c>, or string for a set.</summary>
    internal Type LiteralType => Type == FieldType.StringSet
        ? typeof(string)
        : System.Nullable.GetUnderlyingType(ValueType) ?? ValueType;

    internal Expression Read(Expression entity) => ParameterReplacer.Inline(Accessor, entity);

    internal object? GetValue(object entity) => getter.Value(entity);

    internal bool TryParseEnum(string name, out object value) => enumByName!.TryGetValue(name, out value!);

    internal string EnumName(object value) => nameByEnum![value];

    /// <summary>
    /// This field as seen through a relation (<c>company.domain</c>). It may be missing because there is no related
    /// record, so it reads as nullable and takes <c>isNull</c>; it is never a sort key, as a to-many hop has no single value.
    /// </summary>
    internal FieldDefinition ThroughRelation(string relation)
    {
        var operators = Type == FieldType.StringSet || Operators.Contains(FilterOperator.IsNull)
            ? Operators
            : [.. Operators, FilterOperator.IsNull];
        return new FieldDefinition(
            $"{relation}.{Name}", Type, Accessor, Type != FieldType.StringSet, sortable: false, operators, Normalizer);
    }

    private Func<object, object?> CompileGetter()
    {
        var entity = Expression.Parameter(typeof(object), "entity");
        var body = Read(Expression.Convert(entity, EntityType));
        return Expression.Lambda<Func<object, object?>>(Expression.Convert(body, typeof(object)), entity).Compile();
    }
}
