using VisitCounter.Crds.Schema;

namespace VisitCounter.Crds.V1Alpha1;

/// <summary>The state of one pod as seen by the last visits collection.</summary>
public sealed class PodVisitsStatus
{
    /// <summary>Pod name, e.g. web-0.</summary>
    [Required]
    public string Name { get; set; } = "";

    /// <summary>Whether the pod was ready.</summary>
    public bool Ready { get; set; }

    /// <summary>The pod's visit count; absent when the pod did not answer.</summary>
    public long? Visits { get; set; }
}
