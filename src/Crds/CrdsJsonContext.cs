using System.Text.Json.Serialization;
using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Models;

namespace VisitCounter.Crds;

/// <summary>
/// Source-generated JSON metadata for the VisitCounterApp API, so the operator can (de)serialize it under Native AOT.
/// Combine it with the Kube models: <c>KubernetesJson.Create(CrdsJsonContext.Default)</c>.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(VisitCounterApp))]
[JsonSerializable(typeof(EntityList<VisitCounterApp>))]
[JsonSerializable(typeof(VisitCounterAppSpec))]
[JsonSerializable(typeof(VisitCounterAppStatus))]
public sealed partial class CrdsJsonContext : JsonSerializerContext;
