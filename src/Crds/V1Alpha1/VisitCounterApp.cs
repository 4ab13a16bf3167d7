using VisitCounter.Crds.Schema;
using VisitCounter.Kube.Models;

namespace VisitCounter.Crds.V1Alpha1;

/// <summary>
/// VisitCounterApp runs the counter web app as a StatefulSet with one persistent volume per pod,
/// a headless Service for stable pod DNS and a client Service, and reports per-pod visit counts in its status.
/// </summary>
[KubernetesEntity(Group = VisitCounterApp.KubeGroup, ApiVersion = VisitCounterApp.KubeApiVersion, Kind = VisitCounterApp.KubeKind, PluralName = VisitCounterApp.KubePluralName)]
[KubernetesEntityShortNames("vca")]
[KubernetesEntityCategories("all")]
[StatusSubresource]
[ScaleSubresource(".spec.replicas", ".status.replicas", LabelSelectorPath = ".status.selector")]
// Only the length is checked here: matches() on metadata.name would exceed the API server's CEL cost budget
// estimate; the operator's validator also checks the DNS-label syntax and reports it as Degraded.
[ValidationRule("size(self.metadata.name) <= 52",
    Message = "metadata.name must be at most 52 characters: it names the StatefulSet, whose pods carry a 63-character revision label")]
[AdditionalPrinterColumn("Replicas", "integer", ".spec.replicas", Order = 1, Description = "Desired number of pods")]
[AdditionalPrinterColumn("Ready", "integer", ".status.readyReplicas", Order = 2, Description = "Pods that are ready")]
[AdditionalPrinterColumn("Visits", "integer", ".status.visits", Order = 3, Description = "Visits counted over all pods that answered")]
[AdditionalPrinterColumn("Phase", "string", ".status.phase", Order = 4, Description = "Pending, Progressing, Ready or Degraded")]
[AdditionalPrinterColumn("Age", "date", ".metadata.creationTimestamp", Order = 5)]
public sealed class VisitCounterApp : CustomKubernetesEntity<VisitCounterAppSpec, VisitCounterAppStatus>
{
    public const string KubeGroup = "visitcounter.io";
    public const string KubeApiVersion = "v1alpha1";
    public const string KubeKind = "VisitCounterApp";
    public const string KubePluralName = "visitcounterapps";

    /// <summary><c>visitcounter.io/v1alpha1</c>, the value of <c>apiVersion</c>.</summary>
    public const string KubeGroupVersion = KubeGroup + "/" + KubeApiVersion;
}
