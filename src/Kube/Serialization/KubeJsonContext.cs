using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using VisitCounter.Kube.Models;

namespace VisitCounter.Kube.Serialization;

/// <summary>
/// Source-generated JSON metadata for every built-in model, so the client works under Native AOT.
/// Other assemblies contribute their own contexts through <see cref="KubernetesJson.Create"/>.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(KubernetesTimeJsonConverter)])]
[JsonSerializable(typeof(V1Status))]
[JsonSerializable(typeof(V1DeleteOptions))]
[JsonSerializable(typeof(V1Scale))]
[JsonSerializable(typeof(V1Condition))]
[JsonSerializable(typeof(V1Pod))]
[JsonSerializable(typeof(EntityList<V1Pod>))]
[JsonSerializable(typeof(V1Service))]
[JsonSerializable(typeof(EntityList<V1Service>))]
[JsonSerializable(typeof(V1PersistentVolumeClaim))]
[JsonSerializable(typeof(EntityList<V1PersistentVolumeClaim>))]
[JsonSerializable(typeof(Corev1Event))]
[JsonSerializable(typeof(EntityList<Corev1Event>))]
[JsonSerializable(typeof(V1Namespace))]
[JsonSerializable(typeof(EntityList<V1Namespace>))]
[JsonSerializable(typeof(V1StatefulSet))]
[JsonSerializable(typeof(EntityList<V1StatefulSet>))]
[JsonSerializable(typeof(V1StorageClass))]
[JsonSerializable(typeof(EntityList<V1StorageClass>))]
[JsonSerializable(typeof(V1PodDisruptionBudget))]
[JsonSerializable(typeof(EntityList<V1PodDisruptionBudget>))]
[JsonSerializable(typeof(V1Lease))]
[JsonSerializable(typeof(EntityList<V1Lease>))]
[JsonSerializable(typeof(V1CustomResourceDefinition))]
[JsonSerializable(typeof(EntityList<V1CustomResourceDefinition>))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(Configuration.ExecCredential))]
public sealed partial class KubeJsonContext : JsonSerializerContext;
