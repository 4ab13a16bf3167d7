using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VisitCounter.LocalCluster.Patching;
using VisitCounter.LocalCluster.Validation.Cel;

namespace VisitCounter.LocalCluster.Validation;

/// <summary>One compiled node of a structural CRD schema: what validation, defaulting and pruning need, parsed once.</summary>
internal sealed class SchemaNode
{
    public string? Type { get; private init; }

    public bool Nullable { get; private init; }

    public bool IntOrString { get; private init; }

    public bool PreserveUnknownFields { get; private init; }

    public bool EmbeddedResource { get; private init; }

    public IReadOnlyList<(string Name, SchemaNode Schema)> Properties { get; private init; } = [];

    public IReadOnlyList<string> Required { get; private init; } = [];

    public SchemaNode? Items { get; private init; }

    public SchemaNode? AdditionalProperties { get; private init; }

    public JsonNode? Default { get; private init; }

    public JsonArray? Enum { get; private init; }

    public double? Minimum { get; private init; }

    public double? Maximum { get; private init; }

    public bool ExclusiveMinimum { get; private init; }

    public bool ExclusiveMaximum { get; private init; }

    public double? MultipleOf { get; private init; }

    public long? MinLength { get; private init; }

    public long? MaxLength { get; private init; }

    public long? MinItems { get; private init; }

    public long? MaxItems { get; private init; }

    public long? MinProperties { get; private init; }

    public long? MaxProperties { get; private init; }

    public bool UniqueItems { get; private init; }

    public string? PatternText { get; private init; }

    public Regex? Pattern { get; private init; }

    public string? ListType { get; private init; }

    public IReadOnlyList<string> ListMapKeys { get; private init; } = [];

    public IReadOnlyList<ValidationRule> Rules { get; private set; } = [];

    public SchemaNode? Property(string name)
    {
        foreach (var (propertyName, schema) in Properties)
        {
            if (propertyName == name)
            {
                return schema;
            }
        }

        return null;
    }

    /// <summary>Compiles a schema node; problems are added to <paramref name="errors"/> with paths under <paramref name="path"/>.</summary>
    public static SchemaNode Compile(JsonObject schema, string path, List<FieldError> errors, bool isRoot = false, bool correlatable = true)
    {
        var type = JsonNodes.AsString(schema["type"]);
        var intOrString = JsonNodes.AsBool(schema["x-kubernetes-int-or-string"]) == true;
        var preserve = JsonNodes.AsBool(schema["x-kubernetes-preserve-unknown-fields"]) == true;
        if (type is null && !intOrString && !preserve && !isRoot)
        {
            errors.Add(FieldErrors.Required(path + ".type", "must not be empty for specified object fields"));
        }

        if (type is not (null or "object" or "array" or "string" or "integer" or "number" or "boolean"))
        {
            errors.Add(FieldErrors.NotSupported(path + ".type", schema["type"], ["array", "boolean", "integer", "number", "object", "string"]));
        }

        var properties = new List<(string, SchemaNode)>();
        if (schema["properties"] is JsonObject props)
        {
            foreach (var (name, value) in props)
            {
                if (value is JsonObject propertySchema)
                {
                    properties.Add((name, Compile(propertySchema, $"{path}.properties[{name}]", errors, correlatable: correlatable)));
                }
            }
        }

        SchemaNode? items = null;
        if (schema["items"] is JsonObject itemSchema)
        {
            // only elements of map lists and sets can be matched with their old version (transition rules)
            var listType = JsonNodes.AsString(schema["x-kubernetes-list-type"]);
            items = Compile(itemSchema, path + ".items", errors, correlatable: correlatable && listType is "map" or "set");
        }
        else if (type == "array")
        {
            errors.Add(FieldErrors.Required(path + ".items", "must be specified"));
        }

        SchemaNode? additional = null;
        if (schema["additionalProperties"] is JsonObject additionalSchema)
        {
            additional = Compile(additionalSchema, path + ".additionalProperties", errors, correlatable: correlatable);
        }

        Regex? pattern = null;
        var patternText = JsonNodes.AsString(schema["pattern"]);
        if (patternText is not null)
        {
            try
            {
                pattern = new Regex(patternText, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200));
            }
            catch (ArgumentException e)
            {
                errors.Add(FieldErrors.Invalid(path + ".pattern", schema["pattern"], "must be a valid regular expression, but isn't: " + e.Message));
            }
        }

        var node = new SchemaNode
        {
            Type = type,
            Nullable = JsonNodes.AsBool(schema["nullable"]) == true,
            IntOrString = intOrString,
            PreserveUnknownFields = preserve,
            EmbeddedResource = JsonNodes.AsBool(schema["x-kubernetes-embedded-resource"]) == true,
            Properties = properties,
            Required = schema["required"] is JsonArray required ? required.Select(r => JsonNodes.AsString(r) ?? string.Empty).ToArray() : [],
            Items = items,
            AdditionalProperties = additional,
            Default = schema["default"]?.DeepClone(),
            Enum = schema["enum"]?.DeepClone() as JsonArray, // a private copy: compiled schemas are read by many requests at once
            Minimum = JsonNodes.AsDouble(schema["minimum"]),
            Maximum = JsonNodes.AsDouble(schema["maximum"]),
            ExclusiveMinimum = JsonNodes.AsBool(schema["exclusiveMinimum"]) == true,
            ExclusiveMaximum = JsonNodes.AsBool(schema["exclusiveMaximum"]) == true,
            MultipleOf = JsonNodes.AsDouble(schema["multipleOf"]),
            MinLength = JsonNodes.AsInteger(schema["minLength"]),
            MaxLength = JsonNodes.AsInteger(schema["maxLength"]),
            MinItems = JsonNodes.AsInteger(schema["minItems"]),
            MaxItems = JsonNodes.AsInteger(schema["maxItems"]),
            MinProperties = JsonNodes.AsInteger(schema["minProperties"]),
            MaxProperties = JsonNodes.AsInteger(schema["maxProperties"]),
            UniqueItems = JsonNodes.AsBool(schema["uniqueItems"]) == true,
            PatternText = patternText,
            Pattern = pattern,
            ListType = JsonNodes.AsString(schema["x-kubernetes-list-type"]),
            ListMapKeys = schema["x-kubernetes-list-map-keys"] is JsonArray keys ? keys.Select(k => JsonNodes.AsString(k) ?? string.Empty).ToArray() : [],
        };
        node.Rules = CompileRules(schema, node, path, correlatable, isRoot, errors);
        return node;
    }

    private static List<ValidationRule> CompileRules(JsonObject schema, SchemaNode node, string path, bool correlatable, bool isRoot, List<FieldError> errors)
    {
        var compiled = new List<ValidationRule>();
        if (schema["x-kubernetes-validations"] is not JsonArray rules)
        {
            return compiled;
        }

        for (var i = 0; i < rules.Count; i++)
        {
            var rulePath = $"{path}.x-kubernetes-validations[{i}]";
            if (rules[i] is not JsonObject rule || JsonNodes.AsString(rule["rule"]) is not { } text)
            {
                errors.Add(FieldErrors.Required(rulePath + ".rule", string.Empty));
                continue;
            }

            if (rule["messageExpression"] is not null)
            {
                errors.Add(FieldErrors.Forbidden(rulePath + ".messageExpression", "messageExpression is outside the supported CEL subset; use message"));
            }

            try
            {
                var program = CelProgram.Compile(text);
                if (program.IsTransitionRule && !correlatable)
                {
                    errors.Add(FieldErrors.Invalid(rulePath + ".rule", rule["rule"], "oldSelf cannot be used on the uncorrelatable portion of the schema"));
                    continue;
                }

                foreach (var selection in program.SelectedPaths())
                {
                    CheckSelection(node, selection, isRoot);
                }

                compiled.Add(new ValidationRule(
                    program,
                    JsonNodes.AsString(rule["message"]),
                    JsonNodes.AsString(rule["fieldPath"]),
                    JsonNodes.AsString(rule["reason"])));
            }
            catch (CelException e)
            {
                errors.Add(FieldErrors.Invalid(rulePath + ".rule", rule["rule"], "compilation failed: " + e.Message));
            }
        }

        return compiled;
    }

    /// <summary>
    /// Rejects <c>self.x</c> when the schema declares its fields and <c>x</c> is none of them, as the real CEL type
    /// checker does. At the root, <c>apiVersion</c>, <c>kind</c> and <c>metadata.name</c>/<c>metadata.generateName</c>
    /// always exist (the only metadata rules may read).
    /// </summary>
    private static void CheckSelection(SchemaNode node, IReadOnlyList<string> selection, bool isRoot)
    {
        if (isRoot && selection[0] is "apiVersion" or "kind")
        {
            return;
        }

        if (isRoot && selection[0] == "metadata")
        {
            if (selection.Count > 1 && selection[1] is not ("name" or "generateName"))
            {
                throw new CelException($"undefined field '{selection[1]}'");
            }

            return;
        }

        var current = node;
        foreach (var field in selection)
        {
            if (current is null || current.PreserveUnknownFields || current.AdditionalProperties is not null || current.Type != "object")
            {
                return;
            }

            current = current.Property(field) ?? throw new CelException($"undefined field '{field}'");
        }
    }
}

/// <summary>One compiled <c>x-kubernetes-validations</c> entry.</summary>
internal sealed record ValidationRule(CelProgram Program, string? Message, string? FieldPath, string? Reason);
