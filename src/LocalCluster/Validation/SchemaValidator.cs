using System.Text.Json;
using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Patching;
using VisitCounter.LocalCluster.Validation.Cel;

namespace VisitCounter.LocalCluster.Validation;

/// <summary>
/// Validates a custom resource against its compiled schema, in two passes like the real server: the
/// OpenAPI keywords (kube-openapi's messages, converted to field errors as apiextensions-apiserver does),
/// then the <c>x-kubernetes-validations</c> rules.
/// </summary>
internal static class SchemaValidator
{
    private static readonly HashSet<string> RootFieldsValidatedElsewhere = ["apiVersion", "kind", "metadata"];

    public static List<FieldError> Validate(SchemaNode root, JsonObject obj, JsonObject? oldObj)
    {
        var errors = new List<FieldError>();
        ValidateObjectFields(root, obj, oldObj is null ? null : new OldValue(oldObj), string.Empty, errors, isRoot: true);
        Rules(root, obj, oldObj, string.Empty, errors, isRoot: true);
        return errors;
    }

    /// <summary>
    /// Validates one value. With validation ratcheting (on by default since Kubernetes 1.30), a value an update
    /// leaves unchanged is not validated again, so objects stay updatable after a CRD tightens its schema.
    /// </summary>
    private static void ValidateValue(SchemaNode node, JsonNode? value, OldValue? old, string path, List<FieldError> errors)
    {
        if (old is not null && JsonNodes.ValueEquals(old.Value, value))
        {
            return;
        }

        var actual = TypeOf(value);
        if (!TypeMatches(node, actual))
        {
            var expected = node.Type ?? "integer,string";
            errors.Add(FieldErrors.TypeInvalid(path, actual, $"{path} in body must be of type {expected}: {GoFormat.Quote(actual)}"));
            return;
        }

        if (value is null)
        {
            return;
        }

        if (node.Enum is { } allowed && !allowed.Any(a => JsonNodes.ValueEquals(a, value)))
        {
            errors.Add(FieldErrors.NotSupported(path, value, allowed.Select(a => JsonNodes.AsString(a) ?? a?.ToJsonString() ?? "null")));
        }

        switch (value)
        {
            case JsonObject obj:
                ValidateObjectFields(node, obj, old, path, errors, isRoot: false);
                break;
            case JsonArray array:
                ValidateArray(node, array, old?.Value as JsonArray, path, errors);
                break;
            default:
                ValidateScalar(node, value, path, errors);
                break;
        }
    }

    private static void ValidateScalar(SchemaNode node, JsonNode value, string path, List<FieldError> errors)
    {
        if (JsonNodes.AsDouble(value) is { } number)
        {
            if (node.Minimum is { } min && (node.ExclusiveMinimum ? number <= min : number < min))
            {
                var relation = node.ExclusiveMinimum ? "greater than" : "greater than or equal to";
                errors.Add(FieldErrors.Invalid(path, value, $"{path} in body should be {relation} {GoFormat.Float(min)}"));
            }

            if (node.Maximum is { } max && (node.ExclusiveMaximum ? number >= max : number > max))
            {
                var relation = node.ExclusiveMaximum ? "less than" : "less than or equal to";
                errors.Add(FieldErrors.Invalid(path, value, $"{path} in body should be {relation} {GoFormat.Float(max)}"));
            }

            if (node.MultipleOf is { } factor && factor != 0 && Math.Abs(Math.IEEERemainder(number, factor)) > 1e-9)
            {
                errors.Add(FieldErrors.Invalid(path, value, $"{path} in body should be a multiple of {GoFormat.Float(factor)}"));
            }
        }

        if (JsonNodes.AsString(value) is { } text)
        {
            var length = text.EnumerateRunes().Count();
            if (node.MaxLength is { } maxLength && length > maxLength)
            {
                errors.Add(FieldErrors.TooLong(path, maxLength));
            }

            if (node.MinLength is { } minLength && length < minLength)
            {
                errors.Add(FieldErrors.Invalid(path, value, $"{path} in body should be at least {minLength} chars long"));
            }

            if (node.Pattern is { } pattern && !MatchesPattern(pattern, text))
            {
                errors.Add(FieldErrors.Invalid(path, value, $"{path} in body should match '{node.PatternText}'"));
            }
        }
    }

    /// <summary>A pattern that takes too long counts as a mismatch rather than failing the request.</summary>
    private static bool MatchesPattern(System.Text.RegularExpressions.Regex pattern, string text)
    {
        try
        {
            return pattern.IsMatch(text);
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static void ValidateArray(SchemaNode node, JsonArray array, JsonArray? oldArray, string path, List<FieldError> errors)
    {
        if (node.MaxItems is { } maxItems && array.Count > maxItems)
        {
            errors.Add(FieldErrors.TooMany(path, array.Count, maxItems));
        }

        if (node.MinItems is { } minItems && array.Count < minItems)
        {
            errors.Add(FieldErrors.Invalid(path, array, $"{path} in body should have at least {minItems} items"));
        }

        if (node.UniqueItems && array.Select(JsonNodes.Canonical).Distinct(StringComparer.Ordinal).Count() != array.Count)
        {
            errors.Add(FieldErrors.Invalid(path, array, $"{path} in body shouldn't contain duplicates"));
        }

        for (var i = 0; i < array.Count; i++)
        {
            if (node.Items is not null)
            {
                var oldItem = OldListItem(node, array[i], oldArray);
                ValidateValue(node.Items, array[i], oldItem is null ? null : new OldValue(oldItem), $"{path}[{i}]", errors);
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < array.Count; i++)
        {
            var identity = ListIdentity(node, array[i]);
            if (identity is not null && !seen.Add(JsonNodes.Canonical(identity)))
            {
                errors.Add(FieldErrors.Duplicate($"{path}[{i}]", identity));
            }
        }
    }

    /// <summary>The value that must be unique in a <c>set</c> or <c>map</c> list: the item, or its keys.</summary>
    private static JsonNode? ListIdentity(SchemaNode node, JsonNode? item) => node.ListType switch
    {
        "set" => item,
        "map" when item is JsonObject obj => new JsonObject(node.ListMapKeys.Where(obj.ContainsKey).Select(k => KeyValuePair.Create(k, obj[k]?.DeepClone()))),
        _ => null,
    };

    private static void ValidateObjectFields(SchemaNode node, JsonObject obj, OldValue? old, string path, List<FieldError> errors, bool isRoot)
    {
        foreach (var required in node.Required)
        {
            if (!obj.ContainsKey(required) && !(isRoot && RootFieldsValidatedElsewhere.Contains(required)))
            {
                errors.Add(FieldErrors.Required(Join(path, required)));
            }
        }

        foreach (var (name, schema) in node.Properties)
        {
            if (obj.TryGetPropertyValue(name, out var value) && !(isRoot && RootFieldsValidatedElsewhere.Contains(name)))
            {
                ValidateValue(schema, value, OldMember(old, name), Join(path, name), errors);
            }
        }

        if (node.AdditionalProperties is { } additional)
        {
            foreach (var (name, value) in obj)
            {
                if (node.Property(name) is null)
                {
                    ValidateValue(additional, value, OldMember(old, name), Join(path, name), errors);
                }
            }
        }

        if (node.MaxProperties is { } maxProperties && obj.Count > maxProperties)
        {
            errors.Add(FieldErrors.TooMany(path, obj.Count, maxProperties));
        }

        if (node.MinProperties is { } minProperties && obj.Count < minProperties)
        {
            errors.Add(FieldErrors.Invalid(path, obj, $"{path} in body should have at least {minProperties} properties"));
        }
    }

    private static void Rules(SchemaNode node, JsonNode? value, JsonNode? oldValue, string path, List<FieldError> errors, bool isRoot = false)
    {
        if (value is null || !TypeMatches(node, TypeOf(value)))
        {
            return;
        }

        foreach (var rule in node.Rules)
        {
            if (rule.Program.IsTransitionRule && oldValue is null)
            {
                continue; // transition rules only run on updates where the old value exists
            }

            if (!rule.Program.IsTransitionRule && oldValue is not null && JsonNodes.ValueEquals(oldValue, value))
            {
                continue; // ratcheting: an unchanged value is not judged again by a rule it may predate
            }

            RunRule(node, rule, value, oldValue, path, errors);
        }

        switch (value)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    if (isRoot && RootFieldsValidatedElsewhere.Contains(name))
                    {
                        continue;
                    }

                    var schema = node.Property(name) ?? node.AdditionalProperties;
                    if (schema is not null)
                    {
                        Rules(schema, child, (oldValue as JsonObject)?[name], Join(path, name), errors);
                    }
                }

                break;
            case JsonArray array when node.Items is not null:
                for (var i = 0; i < array.Count; i++)
                {
                    Rules(node.Items, array[i], OldListItem(node, array[i], oldValue as JsonArray), $"{path}[{i}]", errors);
                }

                break;
        }
    }

    private static OldValue? OldMember(OldValue? old, string name) =>
        old?.Value is JsonObject oldObj && oldObj.TryGetPropertyValue(name, out var value) ? new OldValue(value) : null;

    /// <summary>Correlates a list item with its old version: by keys in map lists, by value in sets; other lists do not correlate.</summary>
    private static JsonNode? OldListItem(SchemaNode node, JsonNode? item, JsonArray? oldList)
    {
        if (oldList is null || ListIdentity(node, item) is not { } identity)
        {
            return null;
        }

        return oldList.FirstOrDefault(old => JsonNodes.ValueEquals(ListIdentity(node, old), identity));
    }

    private static void RunRule(SchemaNode node, ValidationRule rule, JsonNode value, JsonNode? oldValue, string path, List<FieldError> errors)
    {
        var message = rule.Message ?? "failed rule: " + rule.Program.Rule;
        var target = rule.FieldPath is { Length: > 0 } fieldPath
            ? (path.Length == 0 ? fieldPath.TrimStart('.') : path + (fieldPath.StartsWith('.') ? fieldPath : "." + fieldPath))
            : path;
        if (target.Length == 0)
        {
            target = "<nil>"; // the real server prints a rule on the root object with a nil field path
        }

        bool passed;
        try
        {
            passed = rule.Program.Evaluate(value, oldValue);
        }
        catch (CelException e)
        {
            errors.Add(FieldErrors.Invalid(target, JsonValue.Create(node.Type ?? "object"), $"{message}: {e.Message}"));
            return;
        }

        if (passed)
        {
            return;
        }

        errors.Add(rule.Reason switch
        {
            "FieldValueForbidden" => FieldErrors.Forbidden(target, message),
            "FieldValueRequired" => FieldErrors.Required(target, message),
            "FieldValueDuplicate" => FieldErrors.Duplicate(target, JsonValue.Create(node.Type ?? "object")),
            _ => FieldErrors.Invalid(target, JsonValue.Create(node.Type ?? "object"), message),
        });
    }

    private static bool TypeMatches(SchemaNode node, string actual)
    {
        if (actual == "null")
        {
            return node.Nullable || (node.Type is null && !node.IntOrString);
        }

        if (node.IntOrString)
        {
            return actual is "integer" or "string";
        }

        return node.Type switch
        {
            null => true,
            "number" => actual is "number" or "integer",
            var expected => expected == actual,
        };
    }

    /// <summary>The JSON type name kube-openapi reports: <c>integer</c> for numbers without a fraction.</summary>
    internal static string TypeOf(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        _ => value.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => JsonNodes.AsInteger(value) is not null ? "integer" : "number",
            _ => "null",
        },
    };

    /// <summary>The correlated old value (which may itself be JSON null), present only on updates.</summary>
    private sealed record OldValue(JsonNode? Value);

    internal static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;
}
