using System.Text.Json;
using System.Text.Json.Serialization;
using VisitCounter.Crds.Schema;

namespace VisitCounter.Crds.V1Alpha1;

/// <summary>One HTTP probe. Unset fields take the defaults of the probe (liveness or readiness) they belong to.</summary>
public sealed class ProbeSpec
{
    /// <summary>Whether the probe is configured at all.</summary>
    public bool? Enabled { get; set; }

    /// <summary>Seconds after the container starts before the first probe (0 or more).</summary>
    [RangeMinimum(0)]
    public int? InitialDelaySeconds { get; set; }

    /// <summary>Seconds between probes (1 or more).</summary>
    [RangeMinimum(1)]
    public int? PeriodSeconds { get; set; }

    /// <summary>Consecutive failures before the probe counts as failed (1 or more).</summary>
    [RangeMinimum(1)]
    public int? FailureThreshold { get; set; }

    /// <summary>Fields this version does not know (e.g. from a newer CRD), kept so they survive a read-modify-write.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
