using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using VisitCounter.Crds.Schema;
using VisitCounter.Kube.Models;

namespace VisitCounter.Crds.Generation;

/// <summary>
/// Turns C# types into a structural OpenAPI v3 schema (every node typed, or explicitly int-or-string /
/// preserve-unknown-fields), reading the schema attributes and the XML documentation.
/// </summary>
[RequiresUnreferencedCode("Reflects over the properties of the entity's types; run it from the generate command, not in trimmed code paths.")]
internal sealed class SchemaBuilder(XmlDocumentation docs)
{
    private readonly HashSet<Type> _inProgress = [];

    /// <summary>The schema of an object type: its documented, non-ignored public properties.</summary>
    public V1JSONSchemaProps ForObject(Type type)
    {
        if (!_inProgress.Add(type))
        {
            throw new InvalidOperationException($"{type.FullName} refers to itself; a structural CRD schema cannot be recursive.");
        }

        try
        {
            var schema = new V1JSONSchemaProps { Type = "object", Properties = new SortedDictionary<string, V1JSONSchemaProps>(StringComparer.Ordinal) };
            var required = new List<string>();
            foreach (var property in SchemaProperties(type))
            {
                var name = JsonName(property);
                schema.Properties.Add(name, ForProperty(property));
                if (property.GetCustomAttribute<RequiredAttribute>() is not null)
                {
                    required.Add(name);
                }
            }

            schema.Required = required.Count > 0 ? required.Order(StringComparer.Ordinal).ToList() : null;
            schema.XKubernetesValidations = ValidationRules(type.GetCustomAttributes<ValidationRuleAttribute>());
            return schema;
        }
        finally
        {
            _inProgress.Remove(type);
        }
    }

    /// <summary>The schema of one property: its type's schema refined by the property's attributes and docs.</summary>
    public V1JSONSchemaProps ForProperty(PropertyInfo property)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var schema = property.GetCustomAttribute<IntOrStringAttribute>() is not null
            ? new V1JSONSchemaProps { XKubernetesIntOrString = true }
            : ForType(type);

        schema.Description = property.GetCustomAttribute<DescriptionAttribute>()?.Description
            ?? docs.Summary(property)
            ?? schema.Description;

        ApplyScalarAttributes(property, schema);
        ApplyListType(property, schema);
        if (property.GetCustomAttribute<DefaultValueAttribute>() is { } defaultValue)
        {
            schema.Default = ToJson(defaultValue, property.Name);
        }

        if (property.GetCustomAttribute<PreserveUnknownFieldsAttribute>() is not null)
        {
            schema.XKubernetesPreserveUnknownFields = true;
        }

        var rules = ValidationRules(property.GetCustomAttributes<ValidationRuleAttribute>());
        if (rules is not null)
        {
            schema.XKubernetesValidations = [.. schema.XKubernetesValidations ?? [], .. rules];
        }

        return schema;
    }

    private V1JSONSchemaProps ForType(Type type)
    {
        if (type == typeof(string))
        {
            return new V1JSONSchemaProps { Type = "string" };
        }

        if (type == typeof(bool))
        {
            return new V1JSONSchemaProps { Type = "boolean" };
        }

        if (type == typeof(int) || type == typeof(short) || type == typeof(byte))
        {
            return new V1JSONSchemaProps { Type = "integer", Format = "int32" };
        }

        if (type == typeof(long))
        {
            return new V1JSONSchemaProps { Type = "integer", Format = "int64" };
        }

        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            return new V1JSONSchemaProps { Type = "number" };
        }

        if (type == typeof(DateTimeOffset) || type == typeof(DateTime))
        {
            return new V1JSONSchemaProps { Type = "string", Format = "date-time" };
        }

        if (type == typeof(IntOrString))
        {
            return new V1JSONSchemaProps { XKubernetesIntOrString = true };
        }

        if (type == typeof(ResourceQuantity))
        {
            // The shape controller-gen emits for resource.Quantity, so kubectl explain and validators treat it the same way.
            return new V1JSONSchemaProps
            {
                AnyOf = [new V1JSONSchemaProps { Type = "integer" }, new V1JSONSchemaProps { Type = "string" }],
                Pattern = V1Alpha1.QuantityPattern.Regex,
                XKubernetesIntOrString = true,
            };
        }

        if (type.IsEnum)
        {
            return new V1JSONSchemaProps { Type = "string", Enum = Enum.GetNames(type).Select(n => (JsonNode?)JsonValue.Create(n)).ToList() };
        }

        if (type == typeof(JsonNode) || type == typeof(JsonObject) || type == typeof(JsonElement) || type == typeof(object))
        {
            return new V1JSONSchemaProps { Type = "object", XKubernetesPreserveUnknownFields = true };
        }

        if (DictionaryValueType(type) is { } valueType)
        {
            return new V1JSONSchemaProps { Type = "object", AdditionalProperties = V1JSONSchemaPropsOrBool.FromSchema(ForElement(valueType)) };
        }

        if (ListItemType(type) is { } itemType)
        {
            return new V1JSONSchemaProps { Type = "array", Items = ForElement(itemType) };
        }

        if (type.IsClass && type != typeof(string))
        {
            var schema = ForObject(type);
            schema.Description = type.GetCustomAttribute<DescriptionAttribute>()?.Description ?? docs.Summary(type);
            return schema;
        }

        throw new NotSupportedException($"No CRD schema mapping for {type.FullName}; add one to {nameof(SchemaBuilder)} or mark the property [Ignore].");
    }

    private V1JSONSchemaProps ForElement(Type type) => ForType(Nullable.GetUnderlyingType(type) ?? type);

    private static void ApplyScalarAttributes(PropertyInfo property, V1JSONSchemaProps schema)
    {
        if (property.GetCustomAttribute<RangeMinimumAttribute>() is { } min)
        {
            schema.Minimum = min.Minimum;
        }

        if (property.GetCustomAttribute<RangeMaximumAttribute>() is { } max)
        {
            schema.Maximum = max.Maximum;
        }

        if (property.GetCustomAttribute<LengthAttribute>() is { } length)
        {
            schema.MinLength = length.MinLength >= 0 ? length.MinLength : null;
            schema.MaxLength = length.MaxLength >= 0 ? length.MaxLength : null;
        }

        // On a list the constraint is about each item, as in KubeOps and controller-gen markers.
        var target = schema.Type == "array" && schema.Items is not null ? schema.Items : schema;
        if (property.GetCustomAttribute<PatternAttribute>() is { } pattern)
        {
            target.Pattern = pattern.Regex;
        }

        if (property.GetCustomAttribute<EnumValuesAttribute>() is { } values)
        {
            target.Enum = values.Values.Select(v => (JsonNode?)JsonValue.Create(v)).ToList();
        }
    }

    private static void ApplyListType(PropertyInfo property, V1JSONSchemaProps schema)
    {
        if (property.GetCustomAttribute<ListTypeAttribute>() is not { } listType)
        {
            return;
        }

        if (schema.Type != "array")
        {
            throw new InvalidOperationException($"[ListType] on {property.DeclaringType?.Name}.{property.Name} needs a list property.");
        }

        schema.XKubernetesListType = listType.ListType;
        if (listType.ListType != "map")
        {
            return;
        }

        if (listType.MapKeys.Count == 0 || schema.Items?.Properties is null)
        {
            throw new InvalidOperationException($"[ListType(\"map\")] on {property.DeclaringType?.Name}.{property.Name} needs key fields of an object item.");
        }

        schema.XKubernetesListMapKeys = [.. listType.MapKeys];

        // The API server requires map keys to be required (or defaulted) in the item schema.
        schema.Items.Required = (schema.Items.Required ?? []).Union(listType.MapKeys).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The attribute's value as JSON; <paramref name="target"/> names the property or type in errors.</summary>
    public static JsonNode ToJson(DefaultValueAttribute attribute, string target)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        if (attribute.IsJson)
        {
            return JsonNode.Parse(attribute.Value as string
                ?? throw new InvalidOperationException($"[DefaultValue(IsJson = true)] on {target} needs a JSON string."))!;
        }

        return attribute.Value switch
        {
            string s => JsonValue.Create(s),
            int i => JsonValue.Create(i),
            long l => JsonValue.Create(l),
            double d => JsonValue.Create(d),
            bool b => JsonValue.Create(b),
            var other => throw new InvalidOperationException(
                string.Create(CultureInfo.InvariantCulture, $"[DefaultValue] on {target}: unsupported value type {other.GetType().Name}.")),
        };
    }

    public static List<V1ValidationRule>? ValidationRules(IEnumerable<ValidationRuleAttribute> attributes)
    {
        var rules = attributes
            .Select(a => new V1ValidationRule { Rule = a.Rule, Message = a.Message, FieldPath = a.FieldPath, Reason = a.Reason })
            .OrderBy(r => r.Rule, StringComparer.Ordinal)
            .ToList();
        return rules.Count > 0 ? rules : null;
    }

    private static IEnumerable<PropertyInfo> SchemaProperties(Type type) => type
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.GetMethod is not null
            && p.GetIndexParameters().Length == 0
            && p.GetCustomAttribute<JsonExtensionDataAttribute>() is null
            && p.GetCustomAttribute<JsonIgnoreAttribute>() is not { Condition: JsonIgnoreCondition.Always }
            && p.GetCustomAttribute<IgnoreAttribute>() is null);

    /// <summary>The JSON name of a property, as the source-generated serializer writes it.</summary>
    public static string JsonName(PropertyInfo property)
        => property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);

    private static Type? DictionaryValueType(Type type)
    {
        var dictionary = type.IsGenericType && type.GetGenericTypeDefinition() is var d
            && (d == typeof(IDictionary<,>) || d == typeof(Dictionary<,>) || d == typeof(IReadOnlyDictionary<,>) || d == typeof(SortedDictionary<,>))
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
        if (dictionary is null)
        {
            return null;
        }

        var arguments = dictionary.GetGenericArguments();
        return arguments[0] == typeof(string)
            ? arguments[1]
            : throw new NotSupportedException($"{type.Name}: only string keys map to a JSON object.");
    }

    private static Type? ListItemType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0];
    }
}
