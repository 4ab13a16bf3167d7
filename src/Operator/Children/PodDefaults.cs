namespace VisitCounter.Operator.Children;

/// <summary>Fixed facts about the counter-app pod that the VisitCounterApp API deliberately does not expose.</summary>
public static class PodDefaults
{
    /// <summary>The one container of every pod.</summary>
    public const string ContainerName = "counter";

    /// <summary>The name of the container port; probes and Services refer to it, never to the number.</summary>
    public const string PortName = "http";

    /// <summary>Where the data volume is mounted.</summary>
    public const string DataMountPath = "/data";

    /// <summary>The file the counter app keeps its count in, on the data volume.</summary>
    public const string VisitsFile = DataMountPath + "/visits";

    /// <summary>
    /// A fixed non-root UID/GID. <c>fsGroup</c> uses it too, so the kubelet makes the volume writable for the app
    /// even though the container runs without any capability.
    /// </summary>
    public const long UserId = 10001;

    /// <summary>The counter app flushes on every visit, so it needs little time to stop cleanly.</summary>
    public const long TerminationGracePeriodSeconds = 10;

    /// <summary>How long a probe waits for an answer.</summary>
    public const int ProbeTimeoutSeconds = 1;
}
