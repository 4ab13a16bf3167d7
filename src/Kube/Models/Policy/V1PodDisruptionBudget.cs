namespace VisitCounter.Kube.Models;

/// <summary>policy/v1 PodDisruptionBudget: how many of the selected pods voluntary evictions may take down.</summary>
[KubernetesEntity(Group = "policy", ApiVersion = "v1", Kind = "PodDisruptionBudget", PluralName = "poddisruptionbudgets")]
public sealed class V1PodDisruptionBudget : IKubernetesObject<V1ObjectMeta>, ISpec<V1PodDisruptionBudgetSpec?>, IStatus<V1PodDisruptionBudgetStatus?>
{
    public string ApiVersion { get; set; } = "policy/v1";
    public string Kind { get; set; } = "PodDisruptionBudget";
    public V1ObjectMeta Metadata { get; set; } = new();
    public V1PodDisruptionBudgetSpec? Spec { get; set; }
    public V1PodDisruptionBudgetStatus? Status { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}

/// <summary>policy/v1 PodDisruptionBudgetSpec: exactly one of minAvailable and maxUnavailable.</summary>
public sealed class V1PodDisruptionBudgetSpec
{
    public IntOrString? MinAvailable { get; set; }
    public IntOrString? MaxUnavailable { get; set; }
    public V1LabelSelector? Selector { get; set; }

    /// <summary><c>IfHealthyBudget</c> (default) or <c>AlwaysAllow</c>.</summary>
    public string? UnhealthyPodEvictionPolicy { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}

/// <summary>policy/v1 PodDisruptionBudgetStatus, written by the disruption controller.</summary>
public sealed class V1PodDisruptionBudgetStatus
{
    public long? ObservedGeneration { get; set; }
    public IDictionary<string, DateTimeOffset>? DisruptedPods { get; set; }
    public int DisruptionsAllowed { get; set; }
    public int CurrentHealthy { get; set; }
    public int DesiredHealthy { get; set; }
    public int ExpectedPods { get; set; }
    public IList<V1Condition>? Conditions { get; set; }
    /// <summary>Fields this model does not know, kept so they survive a read-modify-write.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? ExtensionData { get; set; }
}
