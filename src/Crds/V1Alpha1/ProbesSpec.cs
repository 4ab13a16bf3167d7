using System.Text.Json;
using System.Text.Json.Serialization;
using VisitCounter.Crds.Schema;

namespace VisitCounter.Crds.V1Alpha1;

/// <summary>The HTTP probes of the counter container (/healthz for liveness, /readyz for readiness).</summary>
public sealed class ProbesSpec
{
    /// <summary>Restarts the container when /healthz fails. Defaults: enabled, delay 0, period 10, failure threshold 3.</summary>
    [DefaultValue("""{"enabled":true,"initialDelaySeconds":0,"periodSeconds":10,"failureThreshold":3}""", IsJson = true)]
    public ProbeSpec? Liveness { get; set; }

    /// <summary>Takes the pod out of the Services while /readyz fails. Defaults: enabled, delay 0, period 5, failure threshold 3.</summary>
    [DefaultValue("""{"enabled":true,"initialDelaySeconds":0,"periodSeconds":5,"failureThreshold":3}""", IsJson = true)]
    public ProbeSpec? Readiness { get; set; }

    /// <summary>Fields this version does not know (e.g. from a newer CRD), kept so they survive a read-modify-write.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
