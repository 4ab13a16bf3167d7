using System.Text.Json;
using System.Text.Json.Serialization;
using VisitCounter.Crds.Schema;
using VisitCounter.Kube.Models;

namespace VisitCounter.Crds.V1Alpha1;

/// <summary>
/// A policy/v1 PodDisruptionBudget the operator keeps for the app's pods, so that voluntary disruptions such as a node
/// drain evict at most what it allows. Set exactly one of maxUnavailable or minAvailable; remove the field to remove the budget.
/// </summary>
[ValidationRule("has(self.maxUnavailable) != has(self.minAvailable)",
    Message = "set exactly one of maxUnavailable or minAvailable, e.g. maxUnavailable: 1")]
public sealed class DisruptionBudgetSpec
{
    /// <summary>How many pods an eviction may leave unavailable, a number or a percentage of the replicas such as 25%.</summary>
    [Pattern(@"^([0-9]+%?)$")]
    public IntOrString? MaxUnavailable { get; set; }

    /// <summary>How many pods must stay available after an eviction, a number or a percentage of the replicas such as 50%.</summary>
    [Pattern(@"^([0-9]+%?)$")]
    public IntOrString? MinAvailable { get; set; }

    /// <summary>Fields this version does not know (e.g. from a newer CRD), kept so they survive a read-modify-write.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
