namespace VisitCounter.Bench.OperatorScale.Observation;

/// <summary>When an app, and a whole run, counts as converged: the benchmark's definition in one place.</summary>
public static class Convergence
{
    /// <summary>
    /// The app has its StatefulSet with <paramref name="expectedReplicas"/>, both Services, and a status that
    /// reports the generation it handled (<c>observedGeneration == generation</c>).
    /// </summary>
    public static bool IsConverged(AppObservation app, int expectedReplicas)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.ObservedGeneration == app.Generation
            && app.StatefulSetReplicas == expectedReplicas
            && app.HasHeadlessService
            && app.HasClientService;
    }

    /// <summary>How many of <paramref name="apps"/> are converged.</summary>
    public static int CountConverged(IEnumerable<AppObservation> apps, int expectedReplicas) =>
        apps.Count(a => IsConverged(a, expectedReplicas));
}
