namespace VisitCounter.Crds.V1Alpha1;

/// <summary>Values of <see cref="VisitCounterAppStatus.Phase"/>: a one-word summary of the conditions.</summary>
public static class VisitCounterAppPhases
{
    /// <summary>Nothing is running yet (no pod has been created or become ready).</summary>
    public const string Pending = "Pending";

    /// <summary>Pods are being created, updated or resized towards the spec.</summary>
    public const string Progressing = "Progressing";

    /// <summary>Every desired pod runs the current revision and is ready.</summary>
    public const string Ready = "Ready";

    /// <summary>The spec cannot be applied or the app is failing; see the Degraded condition.</summary>
    public const string Degraded = "Degraded";

    /// <summary>All values.</summary>
    public static IReadOnlyList<string> All { get; } = [Pending, Progressing, Ready, Degraded];
}
