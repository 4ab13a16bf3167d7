using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VisitCounter.LocalCluster.Workloads.Objects;

/// <summary>
/// Reads JSON numbers whatever CLR type the node was built from: a node parsed from the store holds a JsonElement,
/// one built in code holds an int or a long, and GetValue&lt;long&gt; accepts only some of these.
/// </summary>
internal static class JsonNumber
{
    public static long? AsInt64(JsonNode? node)
    {
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
        {
            return null;
        }

        return long.TryParse(value.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var result)
            ? result
            : (long)double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture);
    }

    public static int? AsInt32(JsonNode? node) => AsInt64(node) is { } value ? (int)Math.Clamp(value, int.MinValue, int.MaxValue) : null;
}
