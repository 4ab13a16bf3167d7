using System.Text.Json;
using System.Text.Json.Serialization;
using VisitCounter.Crds.Schema;
using VisitCounter.Kube.Models;

namespace VisitCounter.Crds.V1Alpha1;

/// <summary>The desired state of a VisitCounterApp. Every field is optional; unset fields take the documented defaults.</summary>
public sealed class VisitCounterAppSpec
{
    /// <summary>Number of counter pods (0 to 1000). Defaults to 1.</summary>
    [RangeMinimum(0)]
    [RangeMaximum(1000)]
    [DefaultValue(1)]
    public int? Replicas { get; set; }

    /// <summary>Container image of the counter app. Empty: the image bundled with the operator (its --app-image).</summary>
    [Pattern(@"^\S*$")]
    public string? Image { get; set; }

    /// <summary>When the kubelet pulls the image: Always, IfNotPresent (default) or Never.</summary>
    [EnumValues(ImagePullPolicies.Always, ImagePullPolicies.IfNotPresent, ImagePullPolicies.Never)]
    [DefaultValue(ImagePullPolicies.IfNotPresent)]
    public string? ImagePullPolicy { get; set; }

    /// <summary>Port the counter app listens on inside the pod (1 to 65535). Defaults to 8080.</summary>
    [RangeMinimum(1)]
    [RangeMaximum(65535)]
    [DefaultValue(8080)]
    public int? Port { get; set; }

    /// <summary>How pods are started and stopped: OrderedReady (default, one at a time, each waiting for the previous to be ready) or Parallel.</summary>
    [EnumValues(PodManagementPolicies.OrderedReady, PodManagementPolicies.Parallel)]
    [DefaultValue(PodManagementPolicies.OrderedReady)]
    public string? PodManagementPolicy { get; set; }

    /// <summary>How pods are replaced when the pod template changes.</summary>
    [DefaultValue("{}", IsJson = true)]
    public UpdateStrategySpec? UpdateStrategy { get; set; }

    /// <summary>Seconds a new pod must be ready without crashing before it counts as available. Defaults to 0.</summary>
    [RangeMinimum(0)]
    [DefaultValue(0)]
    public int? MinReadySeconds { get; set; }

    /// <summary>The persistent volume each pod keeps its visit count on.</summary>
    [DefaultValue("{}", IsJson = true)]
    public StorageSpec? Storage { get; set; }

    /// <summary>The client Service in front of the pods.</summary>
    [DefaultValue("{}", IsJson = true)]
    public ServiceSpec? Service { get; set; }

    /// <summary>CPU and memory of the counter container. Empty: requests cpu 50m and memory 64Mi, limit memory 128Mi.</summary>
    public V1ResourceRequirements? Resources { get; set; }

    /// <summary>Extra environment variables of the counter container.</summary>
    public IList<EnvVarSpec>? Env { get; set; }

    /// <summary>Liveness and readiness probes of the counter container.</summary>
    [DefaultValue("{}", IsJson = true)]
    public ProbesSpec? Probes { get; set; }

    /// <summary>Collection of per-pod visit counts into the status.</summary>
    [DefaultValue("{}", IsJson = true)]
    public VisitsSpec? Visits { get; set; }

    /// <summary>Opt-in repair of a rolling update stuck on a pod of an older revision that never becomes ready.</summary>
    [DefaultValue("{}", IsJson = true)]
    public RolloutRecoverySpec? RolloutRecovery { get; set; }

    /// <summary>Opt-in PodDisruptionBudget for the app's pods (maxUnavailable or minAvailable). Unset: no budget.</summary>
    public DisruptionBudgetSpec? DisruptionBudget { get; set; }

    /// <summary>Fields this version does not know (e.g. from a newer CRD), kept so they survive a read-modify-write.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
