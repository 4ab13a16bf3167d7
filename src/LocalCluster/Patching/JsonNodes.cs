using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VisitCounter.LocalCluster.Patching;

/// <summary>
/// Small helpers over <see cref="JsonNode"/> shared by the patch and validation code: value equality
/// that treats <c>1</c> and <c>1.0</c> alike (the API server compares decoded values, not text),
/// safe cloning, and the kind of a node.
/// </summary>
public static class JsonNodes
{
    /// <summary>Writes JSON the way Go's encoder does for our purposes: quotes and non-ASCII text stay readable.</summary>
    public static readonly JsonSerializerOptions RelaxedEscaping = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Walks object members by name; null as soon as a step is missing or not an object, so malformed
    /// input (a string where an object belongs) reads as absent instead of throwing.
    /// </summary>
    public static JsonNode? Get(JsonNode? node, params string[] path)
    {
        foreach (var name in path)
        {
            node = node is JsonObject obj ? obj[name] : null;
        }

        return node;
    }

    /// <summary>
    /// Touches every object and array of a parsed tree. Parsed nodes build their children lazily on first
    /// access, which is not safe when several threads read a shared document for the first time at once;
    /// after this, concurrent reads are.
    /// </summary>
    public static T Materialize<T>(T node)
        where T : JsonNode
    {
        var pending = new Stack<JsonNode>([node]);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case JsonObject obj:
                    foreach (var (_, child) in obj)
                    {
                        if (child is JsonObject or JsonArray)
                        {
                            pending.Push(child);
                        }
                    }

                    break;
                case JsonArray array:
                    foreach (var child in array)
                    {
                        if (child is JsonObject or JsonArray)
                        {
                            pending.Push(child);
                        }
                    }

                    break;
            }
        }

        return node;
    }

    /// <summary>Deep-clones a node; null stays null.</summary>
    public static JsonNode? Clone(JsonNode? node) => node?.DeepClone();

    /// <summary>True when two JSON values are equal as decoded values (numbers by value, objects ignoring key order).</summary>
    public static bool ValueEquals(JsonNode? a, JsonNode? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        switch (a)
        {
            case JsonObject ao when b is JsonObject bo:
                if (ao.Count != bo.Count)
                {
                    return false;
                }

                foreach (var (key, value) in ao)
                {
                    if (!bo.TryGetPropertyValue(key, out var other) || !ValueEquals(value, other))
                    {
                        return false;
                    }
                }

                return true;
            case JsonArray aa when b is JsonArray ba:
                if (aa.Count != ba.Count)
                {
                    return false;
                }

                for (var i = 0; i < aa.Count; i++)
                {
                    if (!ValueEquals(aa[i], ba[i]))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValue av when b is JsonValue bv:
                var ak = av.GetValueKind();
                var bk = bv.GetValueKind();
                if (ak == JsonValueKind.Number && bk == JsonValueKind.Number)
                {
                    return NumberEquals(av, bv);
                }

                if (ak != bk)
                {
                    return false;
                }

                return ak switch
                {
                    JsonValueKind.String => av.GetValue<string>() == bv.GetValue<string>(),
                    _ => true, // true/false/null: equal kinds are equal values
                };
            default:
                return false;
        }
    }

    /// <summary>The kind of a node, with a C# null read as JSON null.</summary>
    public static JsonValueKind KindOf(JsonNode? node) => node?.GetValueKind() ?? JsonValueKind.Null;

    /// <summary>Reads a string value, or null when the node is not a JSON string.</summary>
    public static string? AsString(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>Reads a number as a double, or null when the node is not a JSON number.</summary>
    public static double? AsDouble(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture) : null;

    /// <summary>Reads an integral number, or null when the node is not a JSON number without a fraction.</summary>
    public static long? AsInteger(JsonNode? node)
    {
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return null;
        }

        var text = v.ToJsonString();
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return l;
        }

        var d = double.Parse(text, CultureInfo.InvariantCulture);
        return d == Math.Floor(d) && Math.Abs(d) < 9.2e18 ? (long)d : null;
    }

    /// <summary>Reads a boolean, or null when the node is not a JSON boolean.</summary>
    public static bool? AsBool(JsonNode? node) => KindOf(node) switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    /// <summary>Canonical JSON text with object keys sorted, used as an identity for list items and set values.</summary>
    public static string Canonical(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return "null";
            case JsonObject o:
                return "{" + string.Join(",", o.OrderBy(p => p.Key, StringComparer.Ordinal)
                    .Select(p => JsonValue.Create(p.Key).ToJsonString(RelaxedEscaping) + ":" + Canonical(p.Value))) + "}";
            case JsonArray a:
                return "[" + string.Join(",", a.Select(Canonical)) + "]";
            default:
                return node.ToJsonString(RelaxedEscaping);
        }
    }

    private static bool NumberEquals(JsonValue a, JsonValue b)
    {
        var at = a.ToJsonString();
        var bt = b.ToJsonString();
        if (at == bt)
        {
            return true;
        }

        if (decimal.TryParse(at, NumberStyles.Float, CultureInfo.InvariantCulture, out var ad)
            && decimal.TryParse(bt, NumberStyles.Float, CultureInfo.InvariantCulture, out var bd))
        {
            return ad == bd;
        }

        return double.Parse(at, CultureInfo.InvariantCulture) == double.Parse(bt, CultureInfo.InvariantCulture);
    }
}
