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
[MetadataName(Pattern = VisitCounterApp.NamePattern, MaxLength = VisitCounterApp.MaxNameLength,
    Description = "A lowercase DNS label of at most 52 characters: it names the StatefulSet (whose pods carry a 63-character revision label) and the Services.")]
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

    /// <summary>
    /// Longest accepted object name: the StatefulSet's pods carry a controller-revision-hash label of
    /// <c>{name}-{10-character hash}</c>, and label values are limited to 63 characters.
    /// </summary>
    public const int MaxNameLength = 52;

    /// <summary>A DNS-1035 label, because the name is also the client Service's name.</summary>
    public const string NamePattern = "^[a-z]([-a-z0-9]*[a-z0-9])?$";

    /// <summary><c>visitcounter.io/v1alpha1</c>, the value of <c>apiVersion</c>.</summary>
    public const string KubeGroupVersion = KubeGroup + "/" + KubeApiVersion;
}
