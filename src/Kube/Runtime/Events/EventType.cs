namespace VisitCounter.Kube.Runtime.Events;

/// <summary>The two event types <c>kubectl describe</c> shows.</summary>
public enum EventType
{
    /// <summary>Something expected happened (created a child, scaled).</summary>
    Normal,

    /// <summary>Something needs attention (invalid spec, failed update).</summary>
    Warning,
}
