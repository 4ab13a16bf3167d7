using System.Text.Json;
using System.Text.Json.Nodes;
using VisitCounter.Crds;
using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Serialization;

namespace VisitCounter.Crds.Tests;

/// <summary>The serializer options the operator uses for VisitCounterApp, and small conversions for tests.</summary>
internal static class TestJson
{
    public static JsonSerializerOptions Options { get; } = KubernetesJson.Create(CrdsJsonContext.Default);

    public static VisitCounterApp ReadApp(string yaml)
        => KubernetesYaml.Load(yaml)!.Deserialize(Options.GetRequiredTypeInfo<VisitCounterApp>())!;

    public static VisitCounterAppSpec ReadSpec(string json)
        => JsonSerializer.Deserialize(json, Options.GetRequiredTypeInfo<VisitCounterAppSpec>())!;

    public static JsonNode ToNode(V1CustomResourceDefinition crd)
        => JsonSerializer.SerializeToNode(crd, Options.GetRequiredTypeInfo<V1CustomResourceDefinition>())!;
}
