using System.Text.Json;
using System.Text.Json.Serialization;
using VisitCounter.Crds.Schema;
using VisitCounter.Kube.Models;

namespace VisitCounter.Crds.V1Alpha1;

/// <summary>The observed state of a VisitCounterApp, written by the operator.</summary>
/// <remarks>
/// Defaults to <c>{observedGeneration: 0}</c>: the API server drops the status on create and fills this in when the
/// object is read, so a new app is "not yet observed" (kstatus: InProgress) rather than statusless, which kstatus
/// (<c>helm install --wait</c>, Flux, kpt) would take for "current" before the operator first acts on it.
/// </remarks>
[DefaultValue("{\"observedGeneration\":0}", IsJson = true)]
public sealed class VisitCounterAppStatus
{
    /// <summary>The metadata.generation the operator last acted on; 0 until it first acts on the app.</summary>
    public long? ObservedGeneration { get; set; }

    /// <summary>Summary of the conditions: Pending, Progressing, Ready or Degraded.</summary>
    [EnumValues(VisitCounterAppPhases.Pending, VisitCounterAppPhases.Progressing, VisitCounterAppPhases.Ready, VisitCounterAppPhases.Degraded)]
    public string? Phase { get; set; }

    /// <summary>Number of pods that exist.</summary>
    public int? Replicas { get; set; }

    /// <summary>Number of pods that are ready.</summary>
    public int? ReadyReplicas { get; set; }

    /// <summary>Number of pods running the update revision.</summary>
    public int? UpdatedReplicas { get; set; }

    /// <summary>The StatefulSet revision pods below the partition run.</summary>
    public string? CurrentRevision { get; set; }

    /// <summary>The StatefulSet revision new and updated pods run.</summary>
    public string? UpdateRevision { get; set; }

    /// <summary>Label selector of the pods, as a string (used by the scale subresource).</summary>
    public string? Selector { get; set; }

    /// <summary>Sum of the visit counts of the pods that answered.</summary>
    public long? Visits { get; set; }

    /// <summary>Per-pod readiness and visit count.</summary>
    [ListType("map", "name")]
    public IList<PodVisitsStatus>? Pods { get; set; }

    /// <summary>
    /// Ready, Progressing, Degraded and FieldsDropped conditions with their reasons, and kstatus's abnormal-true pair
    /// for tools that wait on the app: Reconciling (True while it moves towards the spec, as Progressing) and Stalled
    /// (True when a person must act: the Degraded problem or a stuck rollout). Each carries the generation it describes.
    /// </summary>
    [ListType("map", "type")]
    public IList<V1Condition>? Conditions { get; set; }

    /// <summary>
    /// Fields of the children that the API server did not keep, as of <see cref="ObservedGeneration"/>: they are not
    /// applied again until the spec changes, and the FieldsDropped condition names them.
    /// </summary>
    [ListType("map", "kind", "path")]
    public IList<DroppedFieldStatus>? DroppedFields { get; set; }

    /// <summary>Fields this version does not know (e.g. from a newer CRD), kept so they survive a read-modify-write.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
