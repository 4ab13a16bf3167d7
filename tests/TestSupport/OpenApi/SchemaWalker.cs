using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace VisitCounter.TestSupport.OpenApi;

/// <summary>
/// Checks a JSON value against an OpenAPI schema the way the API server's strict decoding does for the parts
/// our tests care about: unknown fields, types, enums, required fields, int-or-string, quantities, and the
/// value constraints CRD schemas carry (minimum, maximum, pattern, lengths).
/// </summary>
/// <param name="document">Where <c>$ref</c>s are resolved.</param>
/// <param name="customResourceRoot">
/// True for a CRD's openAPIV3Schema: its <c>metadata</c> may only restrict name and generateName, the rest of
/// ObjectMeta is validated by the API server itself, so other metadata fields are not unknown.
/// </param>
internal sealed partial class SchemaWalker(OpenApiDocument document, bool customResourceRoot = false)
{
    private const int MaxDepth = 64;
    private readonly List<string> _errors = [];

    public IReadOnlyList<string> Errors => _errors;

    public void Check(JsonNode? value, JsonObject schema, string path, string? definitionName = null, int depth = 0)
    {
        if (value is null)
        {
            // Null means "unset" to the API server for optional fields.
            return;
        }

        if (depth > MaxDepth)
        {
            _errors.Add($"{Display(path)}: nesting deeper than {MaxDepth} levels");
            return;
        }

        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            var (name, target) = document.Resolve(reference);
            Check(value, target, path, name, depth + 1);
            return;
        }

        if (schema["allOf"] is JsonArray allOf)
        {
            foreach (var part in allOf.OfType<JsonObject>())
            {
                Check(value, part, path, null, depth + 1);
            }
        }

        if (IsIntOrString(schema))
        {
            CheckIntOrString(value, schema, path);
            return;
        }

        if (definitionName is not null && definitionName.EndsWith("resource.Quantity", StringComparison.Ordinal))
        {
            CheckQuantity(value, path);
            return;
        }

        if (!CheckAlternatives(value, schema, path, depth))
        {
            return;
        }

        var type = schema["type"]?.GetValue<string>() ?? (schema["properties"] is not null || schema["additionalProperties"] is not null ? "object" : null);
        var typeMatches = type switch
        {
            "object" => CheckObject(value, schema, path, depth),
            "array" => CheckArray(value, schema, path, depth),
            "string" => CheckString(value, schema, path),
            "integer" => CheckInteger(value, schema, path),
            "number" => CheckNumber(value, schema, path),
            "boolean" => CheckBoolean(value, path),
            _ => true,
        };

        if (typeMatches)
        {
            CheckEnum(value, schema, path);
        }
    }

    private static bool IsIntOrString(JsonObject schema)
        => schema["format"]?.GetValue<string>() == "int-or-string"
            || schema["x-kubernetes-int-or-string"]?.GetValue<bool>() == true;

    private void CheckIntOrString(JsonNode value, JsonObject schema, string path)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.Number when IsInteger(value):
                return;
            case JsonValueKind.String:
                CheckStringConstraints(value.GetValue<string>(), schema, path);
                return;
            default:
                _errors.Add($"{Display(path)}: must be an integer or a string, got {Describe(value)}");
                return;
        }
    }

    private void CheckQuantity(JsonNode value, string path)
    {
        var kind = value.GetValueKind();
        if (kind == JsonValueKind.Number)
        {
            return;
        }

        if (kind != JsonValueKind.String || !QuantityRegex().IsMatch(value.GetValue<string>()))
        {
            _errors.Add($"{Display(path)}: must be a quantity such as 1Gi, 500m or 128974848, got {Describe(value)}");
        }
    }

    private bool CheckAlternatives(JsonNode value, JsonObject schema, string path, int depth)
    {
        var alternatives = (schema["oneOf"] as JsonArray ?? schema["anyOf"] as JsonArray)?.OfType<JsonObject>().ToList();
        if (alternatives is null || alternatives.Count == 0)
        {
            return true;
        }

        foreach (var alternative in alternatives)
        {
            var trial = new SchemaWalker(document, customResourceRoot);
            trial.Check(value, alternative, path, null, depth + 1);
            if (trial.Errors.Count == 0)
            {
                return true;
            }
        }

        _errors.Add($"{Display(path)}: {Describe(value)} matches none of the allowed shapes");
        return false;
    }

    private bool CheckObject(JsonNode value, JsonObject schema, string path, int depth)
    {
        var properties = schema["properties"] as JsonObject;
        var additional = schema["additionalProperties"];
        var preserveUnknown = schema["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() == true;

        // In the v2 document "type: object" without properties also stands for "any JSON value" (default, example, items...).
        var freeForm = (properties is null && additional is null) || (customResourceRoot && path == "metadata");
        if (value is not JsonObject obj)
        {
            if (!freeForm)
            {
                _errors.Add($"{Display(path)}: must be an object, got {Describe(value)}");
            }

            return freeForm;
        }

        foreach (var (key, child) in obj)
        {
            var childPath = Child(path, key);
            if (properties?[key] is JsonObject propertySchema)
            {
                Check(child, propertySchema, childPath, null, depth + 1);
            }
            else if (additional is JsonObject additionalSchema)
            {
                Check(child, additionalSchema, childPath, null, depth + 1);
            }
            else if (!freeForm && !preserveUnknown && additional?.GetValueKind() != JsonValueKind.True)
            {
                _errors.Add($"{Display(childPath)}: unknown field \"{key}\"{Suggestion(key, properties)}");
            }
        }

        foreach (var required in (schema["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()))
        {
            if (obj[required] is null)
            {
                _errors.Add($"{Display(Child(path, required))}: required field is missing");
            }
        }

        CheckCount(obj.Count, schema, "minProperties", "maxProperties", path, "properties");
        return true;
    }

    private bool CheckArray(JsonNode value, JsonObject schema, string path, int depth)
    {
        if (value is not JsonArray array)
        {
            _errors.Add($"{Display(path)}: must be a list, got {Describe(value)}");
            return false;
        }

        if (schema["items"] is JsonObject items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Check(array[i], items, string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"), null, depth + 1);
            }
        }

        CheckCount(array.Count, schema, "minItems", "maxItems", path, "items");
        return true;
    }

    private bool CheckString(JsonNode value, JsonObject schema, string path)
    {
        if (!Expect(value, JsonValueKind.String, path, "a string"))
        {
            return false;
        }

        var text = value.GetValue<string>();
        switch (schema["format"]?.GetValue<string>())
        {
            case "date-time" when !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _):
                _errors.Add($"{Display(path)}: \"{text}\" is not an RFC 3339 date-time");
                break;
            case "byte" when !IsBase64(text):
                _errors.Add($"{Display(path)}: \"{text}\" is not base64");
                break;
        }

        CheckStringConstraints(text, schema, path);
        return true;
    }

    private void CheckStringConstraints(string text, JsonObject schema, string path)
    {
        if (schema["pattern"]?.GetValue<string>() is { } pattern && !Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            _errors.Add($"{Display(path)}: \"{text}\" does not match {pattern}");
        }

        CheckCount(text.Length, schema, "minLength", "maxLength", path, "characters");
    }

    private bool CheckInteger(JsonNode value, JsonObject schema, string path)
    {
        if (value.GetValueKind() != JsonValueKind.Number || !IsInteger(value))
        {
            _errors.Add($"{Display(path)}: must be an integer, got {Describe(value)}");
            return false;
        }

        if (schema["format"]?.GetValue<string>() == "int32" && !value.AsValue().TryGetValue<int>(out _) && !int.TryParse(value.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            _errors.Add($"{Display(path)}: {value.ToJsonString()} does not fit in a 32-bit integer");
        }

        CheckRange(value, schema, path);
        return true;
    }

    private bool CheckBoolean(JsonNode value, string path)
    {
        if (value.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return true;
        }

        _errors.Add($"{Display(path)}: must be a boolean, got {Describe(value)}");
        return false;
    }

    private bool CheckNumber(JsonNode value, JsonObject schema, string path)
    {
        if (!Expect(value, JsonValueKind.Number, path, "a number"))
        {
            return false;
        }

        CheckRange(value, schema, path);
        return true;
    }

    private void CheckRange(JsonNode value, JsonObject schema, string path)
    {
        var number = double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture);
        if (schema["minimum"] is { } min && number < min.GetValue<double>())
        {
            _errors.Add($"{Display(path)}: {value.ToJsonString()} is less than the minimum {min.ToJsonString()}");
        }

        if (schema["maximum"] is { } max && number > max.GetValue<double>())
        {
            _errors.Add($"{Display(path)}: {value.ToJsonString()} is greater than the maximum {max.ToJsonString()}");
        }
    }

    private void CheckCount(int count, JsonObject schema, string minKey, string maxKey, string path, string unit)
    {
        if (schema[minKey] is { } min && count < min.GetValue<long>())
        {
            _errors.Add($"{Display(path)}: has {count} {unit}, fewer than the minimum {min.ToJsonString()}");
        }

        if (schema[maxKey] is { } max && count > max.GetValue<long>())
        {
            _errors.Add($"{Display(path)}: has {count} {unit}, more than the maximum {max.ToJsonString()}");
        }
    }

    private void CheckEnum(JsonNode value, JsonObject schema, string path)
    {
        if (schema["enum"] is not JsonArray allowed || allowed.Count == 0)
        {
            return;
        }

        if (!allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            _errors.Add($"{Display(path)}: {value.ToJsonString()} is not one of {string.Join(", ", allowed.Select(a => a?.ToJsonString()))}");
        }
    }

    private bool Expect(JsonNode value, JsonValueKind kind, string path, string what)
    {
        if (value.GetValueKind() == kind)
        {
            return true;
        }

        _errors.Add($"{Display(path)}: must be {what}, got {Describe(value)}");
        return false;
    }

    private static bool IsInteger(JsonNode value)
        => value.AsValue().TryGetValue<long>(out _)
            || (decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == decimal.Truncate(d));

    private static bool IsBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out _);
    }

    private static string Describe(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => $"string {value.ToJsonString()}",
        JsonValueKind.Number => $"number {value.ToJsonString()}",
        JsonValueKind.True or JsonValueKind.False => $"boolean {value.ToJsonString()}",
        _ => value.ToJsonString(),
    };

    private static string Suggestion(string key, JsonObject? properties)
    {
        var best = properties?
            .Select(p => (Name: p.Key, Distance: Distance(key.ToLowerInvariant(), p.Key.ToLowerInvariant())))
            .Where(c => c.Distance <= Math.Max(2, key.Length / 4))
            .OrderBy(c => c.Distance)
            .Select(c => c.Name)
            .FirstOrDefault();
        return best is null ? string.Empty : $" (did you mean \"{best}\"?)";
    }

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            previous = current;
        }

        return previous[b.Length];
    }

    private static string Child(string path, string key)
        => key.Contains('.', StringComparison.Ordinal) || key.Contains('/', StringComparison.Ordinal)
            ? $"{path}[{key}]"
            : path.Length == 0 ? key : $"{path}.{key}";

    private static string Display(string path) => path.Length == 0 ? "(root)" : path;

    [GeneratedRegex(@"^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$")]
    private static partial Regex QuantityRegex();
}
