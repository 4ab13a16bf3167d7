using System.Text.Json;
using System.Text.Json.Nodes;
using VisitCounter.Crds;
using VisitCounter.Kube.Serialization;

namespace VisitCounter.Operator.Serialization;

/// <summary>
/// The source-generated JSON options for every type the operator reads or writes (built-in kinds plus the
/// VisitCounterApp), and the typed &lt;-&gt; JsonNode conversions drift detection works on. No reflection: AOT-safe.
/// </summary>
public static class OperatorJson
{
    /// <summary>Options that know the Kubernetes models and the VisitCounterApp types.</summary>
    public static JsonSerializerOptions Options { get; } = KubernetesJson.Create(CrdsJsonContext.Default);

    /// <summary>The JSON tree of <paramref name="value"/> as the API server would receive it.</summary>
    public static JsonObject ToNode<T>(T value) =>
        JsonSerializer.SerializeToNode(value, Options.GetRequiredTypeInfo<T>()) as JsonObject
        ?? throw new InvalidOperationException($"{typeof(T).Name} did not serialize to a JSON object.");

    /// <summary>The typed object for a JSON tree.</summary>
    public static T FromNode<T>(JsonNode node) =>
        node.Deserialize(Options.GetRequiredTypeInfo<T>()) ?? throw new InvalidOperationException($"The JSON is not a {typeof(T).Name}.");

    /// <summary>A deep copy made by a JSON round trip, so cached objects are never mutated.</summary>
    public static T Clone<T>(T value) => FromNode<T>(ToNode(value));
}
