using System.Text.Json.Nodes;

namespace VisitCounter.Operator.Drift;

/// <summary>
/// How the Kubernetes API merges the lists the operator writes (<c>x-kubernetes-list-type: map</c> and its
/// <c>x-kubernetes-list-map-keys</c>, or <c>patchMergeKey</c>): items are matched by their key, never by position,
/// so an item another actor added (a sidecar container, an injected env variable or pull secret) is theirs and an
/// item we own is compared with its namesake. Lists not named here are atomic: compared whole.
/// </summary>
public static class ListSemantics
{
    private static readonly string[] ByName = ["name"];

    private static readonly Dictionary<string, string[]> KeysByField = new(StringComparer.Ordinal)
    {
        ["containers"] = ByName,
        ["initContainers"] = ByName,
        ["ephemeralContainers"] = ByName,
        ["env"] = ByName,
        ["volumes"] = ByName,
        ["imagePullSecrets"] = ByName,
        ["resourceClaims"] = ByName,
        ["volumeMounts"] = ["mountPath"],
        ["volumeDevices"] = ["devicePath"],
        ["ownerReferences"] = ["uid"],
        ["conditions"] = ["type"],
        ["hostAliases"] = ["ip"],
        ["topologySpreadConstraints"] = ["topologyKey", "whenUnsatisfiable"],
    };

    /// <summary>
    /// The merge keys of the list in field <paramref name="field"/>, or null when the list is atomic. <c>ports</c> is
    /// keyed by <c>containerPort</c>+<c>protocol</c> in a container and by <c>port</c>+<c>protocol</c> in a Service.
    /// </summary>
    public static IReadOnlyList<string>? MergeKeys(string? field, JsonArray items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (field == "ports")
        {
            return items.Any(i => i is JsonObject o && o.ContainsKey("containerPort")) ? ["containerPort", "protocol"] : ["port", "protocol"];
        }

        return field is not null && KeysByField.TryGetValue(field, out var keys) ? keys : null;
    }

    /// <summary>
    /// The identity of <paramref name="item"/> under <paramref name="keys"/>, as <c>name=counter</c>; a missing
    /// <c>protocol</c> is the API's default <c>TCP</c>, so an item we wrote without it still matches the stored one.
    /// </summary>
    public static string KeyOf(JsonNode? item, IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return string.Join(",", keys.Select(k => $"{k}={ValueText(item?[k], k)}"));
    }

    private static string ValueText(JsonNode? value, string key) => value switch
    {
        null when key == "protocol" => "TCP",
        null => string.Empty,
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        _ => value.ToJsonString(),
    };
}
