using System.Text.Json;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Serialization;

namespace VisitCounter.Crds.Generation;

/// <summary>Reads and writes CustomResourceDefinitions as deterministic YAML manifests (sorted keys, block style).</summary>
public static class CrdYaml
{
    /// <summary>The YAML text of <paramref name="crd"/>; the same object always yields the same text.</summary>
    public static string Write(V1CustomResourceDefinition crd)
    {
        ArgumentNullException.ThrowIfNull(crd);
        var node = JsonSerializer.SerializeToNode(crd, KubernetesJson.Default.GetRequiredTypeInfo<V1CustomResourceDefinition>())
            ?? throw new InvalidOperationException("The CRD serialized to null.");
        return YamlManifestWriter.Write(node);
    }

    /// <summary>Parses a CRD manifest.</summary>
    /// <exception cref="FormatException">The text is not YAML, or not a CustomResourceDefinition.</exception>
    public static V1CustomResourceDefinition Read(string yaml)
    {
        var node = KubernetesYaml.Load(yaml) ?? throw new FormatException("The CRD manifest is empty.");
        if (node["kind"]?.GetValue<string>() != "CustomResourceDefinition")
        {
            throw new FormatException($"Expected kind CustomResourceDefinition, found '{node["kind"]}'.");
        }

        return node.Deserialize(KubernetesJson.Default.GetRequiredTypeInfo<V1CustomResourceDefinition>())
            ?? throw new FormatException("The CRD manifest deserialized to null.");
    }
}
