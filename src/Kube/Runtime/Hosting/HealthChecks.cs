using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace VisitCounter.Kube.Runtime.Hosting;

/// <summary>Readiness: healthy once every informer cache has synced.</summary>
public sealed class CachesSyncedHealthCheck(OperatorHealth health) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(health.CachesSynced
            ? HealthCheckResult.Healthy("all informer caches synced")
            : HealthCheckResult.Unhealthy($"waiting for informer caches to sync: {string.Join(", ", health.UnsyncedKinds)}"));
}

/// <summary>Liveness: healthy unless the operator's run loop crashed.</summary>
public sealed class OperatorRunningHealthCheck(OperatorHealth health) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(health.IsRunning
            ? HealthCheckResult.Healthy("running")
            : HealthCheckResult.Unhealthy("the operator loop stopped with an error", health.Failure));
}
