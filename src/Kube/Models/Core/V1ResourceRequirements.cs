namespace VisitCounter.Kube.Models;

/// <summary>core/v1 ResourceRequirements: requests and limits such as <c>cpu: 100m</c>, <c>memory: 64Mi</c>, <c>storage: 1Gi</c>.</summary>
public sealed class V1ResourceRequirements
{
    public IDictionary<string, ResourceQuantity>? Limits { get; set; }
    public IDictionary<string, ResourceQuantity>? Requests { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}
