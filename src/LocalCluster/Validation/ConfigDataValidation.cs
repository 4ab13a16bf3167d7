using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace VisitCounter.LocalCluster.Validation;

/// <summary>The keys of ConfigMap and Secret data (IsConfigMapKey): file-name-like, at most 253 characters, no key in two maps.</summary>
internal static partial class ConfigDataValidation
{
    public static void ValidateConfigMap(JsonObject obj, List<FieldError> errors)
    {
        var seen = Keys(obj["data"] as JsonObject, "data", errors);
        foreach (var key in Keys(obj["binaryData"] as JsonObject, "binaryData", errors).Where(seen.Contains))
        {
            errors.Add(FieldErrors.Invalid("data", JsonValue.Create(key), "duplicate of key present in binaryData"));
        }
    }

    public static void ValidateSecret(JsonObject obj, JsonObject? oldObj, List<FieldError> errors)
    {
        Keys(obj["data"] as JsonObject, "data", errors);
        if (oldObj is not null && !Patching.JsonNodes.ValueEquals(oldObj["type"], obj["type"]))
        {
            errors.Add(FieldErrors.Invalid("type", obj["type"], "field is immutable"));
        }
    }

    private static HashSet<string> Keys(JsonObject? map, string field, List<FieldError> errors)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, _) in map ?? [])
        {
            keys.Add(key);
            if (key.Length > 253 || !ConfigKey().IsMatch(key) || key is "." or "..")
            {
                errors.Add(FieldErrors.Invalid($"{field}[{key}]", JsonValue.Create(key),
                    "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"));
            }
        }

        return keys;
    }

    [GeneratedRegex("^[-._a-zA-Z0-9]+$")]
    private static partial Regex ConfigKey();
}
