namespace VisitCounter.Operator.Children;

/// <summary>The names of the objects derived from a VisitCounterApp, in one place so builders, status and tests agree.</summary>
public static class ChildNames
{
    /// <summary>The name of the volume claim template, so PVCs are called <c>data-NAME-ORDINAL</c>.</summary>
    public const string DataVolume = "data";

    /// <summary>The StatefulSet carries the VisitCounterApp's name.</summary>
    public static string StatefulSet(string app) => app;

    /// <summary>The client Service carries the VisitCounterApp's name.</summary>
    public static string ClientService(string app) => app;

    /// <summary>The PodDisruptionBudget carries the VisitCounterApp's name.</summary>
    public static string DisruptionBudget(string app) => app;

    /// <summary>The headless Service that gives every pod a stable DNS name.</summary>
    public static string HeadlessService(string app) => $"{app}-headless";

    /// <summary>The pod with <paramref name="ordinal"/>, as the StatefulSet controller names it.</summary>
    public static string Pod(string app, int ordinal) => $"{StatefulSet(app)}-{ordinal}";

    /// <summary>The PVC of the pod with <paramref name="ordinal"/>, as the StatefulSet controller names it.</summary>
    public static string DataClaim(string app, int ordinal) => $"{DataVolume}-{Pod(app, ordinal)}";

    /// <summary>The ordinal of a pod of <paramref name="app"/>, or null when the name does not belong to it.</summary>
    public static int? PodOrdinal(string app, string podName)
    {
        var prefix = StatefulSet(app) + "-";
        if (!podName.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        return int.TryParse(podName.AsSpan(prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ordinal)
            ? ordinal
            : null;
    }
}
