using System.Collections.Frozen;
using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Models;

namespace VisitCounter.Crds.Defaulting;

/// <summary>
/// The defaults of the VisitCounterApp API (DESIGN section 4) and the pure function that applies them.
/// The CRD schema carries the same values as <c>default:</c> where the API server can apply them;
/// applying them here as well keeps the operator correct on servers or objects that skipped defaulting.
/// </summary>
public static class VisitCounterAppDefaults
{
    public const int Replicas = 1;
    public const string ImagePullPolicy = ImagePullPolicies.IfNotPresent;
    public const int Port = 8080;
    public const string PodManagementPolicy = PodManagementPolicies.OrderedReady;
    public const string UpdateStrategyType = UpdateStrategyTypes.RollingUpdate;
    public const int Partition = 0;
    public const int MinReadySeconds = 0;
    public const string StorageSize = "1Gi";
    public const string AccessMode = AccessModes.ReadWriteOnce;
    public const string WhenDeleted = RetentionPolicies.Retain;
    public const string WhenScaled = RetentionPolicies.Retain;
    public const string ServiceType = ServiceTypes.ClusterIP;
    public const int ServicePort = 80;
    public const bool CollectVisits = true;
    public const int VisitsIntervalSeconds = 30;
    public const bool RolloutRecoveryEnabled = false;
    public const int StuckAfterSeconds = 300;

    /// <summary>Liveness probe defaults.</summary>
    public static EffectiveProbe Liveness { get; } = new(Enabled: true, InitialDelaySeconds: 0, PeriodSeconds: 10, FailureThreshold: 3);

    /// <summary>Readiness probe defaults.</summary>
    public static EffectiveProbe Readiness { get; } = new(Enabled: true, InitialDelaySeconds: 0, PeriodSeconds: 5, FailureThreshold: 3);

    /// <summary>Requests used when the spec sets neither requests nor limits: enough for the small counter app.</summary>
    public static IReadOnlyDictionary<string, ResourceQuantity> DefaultRequests { get; } = new Dictionary<string, ResourceQuantity>
    {
        ["cpu"] = ResourceQuantity.Parse("50m"),
        ["memory"] = ResourceQuantity.Parse("64Mi"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Limits used when the spec sets neither requests nor limits. No CPU limit, so the app is throttled rather than starved.</summary>
    public static IReadOnlyDictionary<string, ResourceQuantity> DefaultLimits { get; } = new Dictionary<string, ResourceQuantity>
    {
        ["memory"] = ResourceQuantity.Parse("128Mi"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// Returns the fully defaulted form of <paramref name="spec"/>. Pure: the input is not modified.
    /// Call it on a spec that <see cref="Validation.VisitCounterAppValidator.Validate(VisitCounterAppSpec?)"/> accepted
    /// (or use <see cref="VisitCounterAppSpecResolver.Resolve(VisitCounterAppSpec?, string)"/>, which does both).
    /// </summary>
    /// <param name="spec">The user's spec; null is treated as an empty spec.</param>
    /// <param name="appImage">The operator's bundled counter-app image (--app-image), used when the spec has no image.</param>
    /// <exception cref="ArgumentException">A value cannot be interpreted (for example a storage size that is not a quantity); the message names the field.</exception>
    public static EffectiveSpec Apply(VisitCounterAppSpec? spec, string appImage)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(appImage);
        spec ??= new VisitCounterAppSpec();
        return new EffectiveSpec
        {
            Replicas = spec.Replicas ?? Replicas,
            Image = string.IsNullOrEmpty(spec.Image) ? appImage : spec.Image,
            ImagePullPolicy = OrDefault(spec.ImagePullPolicy, ImagePullPolicy),
            Port = spec.Port ?? Port,
            PodManagementPolicy = OrDefault(spec.PodManagementPolicy, PodManagementPolicy),
            UpdateStrategy = ApplyUpdateStrategy(spec.UpdateStrategy),
            MinReadySeconds = spec.MinReadySeconds ?? MinReadySeconds,
            Storage = ApplyStorage(spec.Storage),
            Service = ApplyService(spec.Service),
            Resources = ApplyResources(spec.Resources),
            Env = (spec.Env ?? []).Select(e => new EnvVariable(e.Name ?? string.Empty, e.Value ?? string.Empty)).ToList(),
            Liveness = ApplyProbe(spec.Probes?.Liveness, Liveness),
            Readiness = ApplyProbe(spec.Probes?.Readiness, Readiness),
            Visits = new EffectiveVisits(spec.Visits?.Collect ?? CollectVisits, spec.Visits?.IntervalSeconds ?? VisitsIntervalSeconds),
            RolloutRecovery = new EffectiveRolloutRecovery(
                spec.RolloutRecovery?.Enabled ?? RolloutRecoveryEnabled,
                spec.RolloutRecovery?.StuckAfterSeconds ?? StuckAfterSeconds),
            DisruptionBudget = spec.DisruptionBudget is { } budget
                ? new EffectiveDisruptionBudget(budget.MaxUnavailable, budget.MinAvailable)
                : null,
        };
    }

    private static EffectiveUpdateStrategy ApplyUpdateStrategy(UpdateStrategySpec? strategy)
    {
        var type = OrDefault(strategy?.Type, UpdateStrategyType);
        return type == UpdateStrategyTypes.RollingUpdate
            ? new EffectiveUpdateStrategy(type, strategy?.Partition ?? Partition, strategy?.MaxUnavailable)
            : new EffectiveUpdateStrategy(type, Partition: null, MaxUnavailable: null);
    }

    private static EffectiveStorage ApplyStorage(StorageSpec? storage)
    {
        var sizeText = storage?.Size ?? StorageSize;
        if (!ResourceQuantity.TryParse(sizeText, out var size))
        {
            throw new ArgumentException($"spec.storage.size: \"{sizeText}\" is not a valid quantity (use e.g. 1Gi, 500Mi).", nameof(storage));
        }

        var accessModes = storage?.AccessModes is { Count: > 0 } modes ? modes.ToList() : [AccessMode];
        return new EffectiveStorage(
            size,
            string.IsNullOrEmpty(storage?.StorageClassName) ? null : storage.StorageClassName,
            accessModes,
            OrDefault(storage?.WhenDeleted, WhenDeleted),
            OrDefault(storage?.WhenScaled, WhenScaled));
    }

    private static EffectiveService ApplyService(ServiceSpec? service)
    {
        var type = OrDefault(service?.Type, ServiceType);
        var nodePort = type == ServiceTypes.ClusterIP ? null : service?.NodePort;
        return new EffectiveService(type, service?.Port ?? ServicePort, nodePort);
    }

    private static EffectiveResources ApplyResources(V1ResourceRequirements? resources)
    {
        var requests = resources?.Requests ?? new Dictionary<string, ResourceQuantity>();
        var limits = resources?.Limits ?? new Dictionary<string, ResourceQuantity>();
        if (requests.Count == 0 && limits.Count == 0)
        {
            return new EffectiveResources(DefaultRequests, DefaultLimits);
        }

        return new EffectiveResources(
            new Dictionary<string, ResourceQuantity>(requests, StringComparer.Ordinal),
            new Dictionary<string, ResourceQuantity>(limits, StringComparer.Ordinal));
    }

    private static EffectiveProbe ApplyProbe(ProbeSpec? probe, EffectiveProbe defaults) => new(
        probe?.Enabled ?? defaults.Enabled,
        probe?.InitialDelaySeconds ?? defaults.InitialDelaySeconds,
        probe?.PeriodSeconds ?? defaults.PeriodSeconds,
        probe?.FailureThreshold ?? defaults.FailureThreshold);

    private static string OrDefault(string? value, string fallback) => string.IsNullOrEmpty(value) ? fallback : value;
}
