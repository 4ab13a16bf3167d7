namespace VisitCounter.Kube.Runtime.Controllers;

/// <summary>A controller as the operator host sees it: something with a name that runs until told to stop.</summary>
public interface IManagedController
{
    /// <summary>The controller's name in logs and metrics.</summary>
    string Name { get; }

    /// <summary>
    /// Runs the workers. <paramref name="stopping"/> stops taking new work; <paramref name="abort"/> cancels the
    /// reconciles in flight (at once on leadership loss, after a grace period on shutdown).
    /// </summary>
    Task RunAsync(CancellationToken stopping, CancellationToken abort);
}
