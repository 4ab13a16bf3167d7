namespace VisitCounter.Kube.Runtime.Events;

/// <summary>How events are attributed and aggregated.</summary>
public sealed record EventRecorderOptions
{
    /// <summary><c>source.component</c> and <c>reportingComponent</c> of every event.</summary>
    public string Component { get; set; } = "kube-operator";

    /// <summary><c>source.host</c> and <c>reportingInstance</c>; null: this machine's name.</summary>
    public string? Host { get; set; }

    /// <summary>A repeat within this window after the last occurrence bumps the existing Event's count instead of creating one.</summary>
    public TimeSpan AggregationWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How many distinct (object, type, reason, message) series are remembered (least recently used are forgotten).</summary>
    public int CacheSize { get; set; } = 4096;
}
