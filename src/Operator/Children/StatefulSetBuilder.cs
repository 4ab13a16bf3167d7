using System.Globalization;
using VisitCounter.Crds.Defaulting;
using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Models;

namespace VisitCounter.Operator.Children;

/// <summary>
/// Builds the StatefulSet of a VisitCounterApp from its effective spec: DESIGN section 5, field by field.
/// Pure: the same input always gives the same object, which is what makes drift detection exact.
/// </summary>
public static class StatefulSetBuilder
{
    /// <summary>The desired StatefulSet.</summary>
    public static V1StatefulSet Build(VisitCounterApp app, EffectiveSpec spec)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(spec);
        var name = app.Metadata.Name!;
        return new V1StatefulSet
        {
            Metadata = ChildMetadata.For(app, ChildNames.StatefulSet(name)),
            Spec = new V1StatefulSetSpec
            {
                Replicas = spec.Replicas,
                Selector = new V1LabelSelector { MatchLabels = AppLabels.Selector(name) },
                ServiceName = ChildNames.HeadlessService(name),
                PodManagementPolicy = spec.PodManagementPolicy,
                UpdateStrategy = BuildUpdateStrategy(spec.UpdateStrategy),
                MinReadySeconds = spec.MinReadySeconds,
                PersistentVolumeClaimRetentionPolicy = new V1StatefulSetPersistentVolumeClaimRetentionPolicy
                {
                    WhenDeleted = spec.Storage.WhenDeleted,
                    WhenScaled = spec.Storage.WhenScaled,
                },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = AppLabels.ForChild(name) },
                    Spec = BuildPodSpec(spec),
                },
                VolumeClaimTemplates = [BuildDataClaimTemplate(name, spec.Storage)],
            },
        };
    }

    /// <summary>The <c>data</c> volume claim template; also what the storage-change decision compares against.</summary>
    public static V1PersistentVolumeClaim BuildDataClaimTemplate(string appName, EffectiveStorage storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        return new V1PersistentVolumeClaim
        {
            Metadata = new V1ObjectMeta { Name = ChildNames.DataVolume, Labels = AppLabels.ForChild(appName) },
            Spec = new V1PersistentVolumeClaimSpec
            {
                AccessModes = [.. storage.AccessModes],
                Resources = new V1VolumeResourceRequirements
                {
                    Requests = new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal) { ["storage"] = storage.Size },
                },

                // Null means "the cluster default class", which the API expresses by leaving the field out.
                StorageClassName = storage.StorageClassName,
            },
        };
    }

    private static V1StatefulSetUpdateStrategy BuildUpdateStrategy(EffectiveUpdateStrategy strategy) =>
        strategy.Type == UpdateStrategyTypes.OnDelete
            ? new V1StatefulSetUpdateStrategy { Type = strategy.Type }
            : new V1StatefulSetUpdateStrategy
            {
                Type = strategy.Type,
                RollingUpdate = new V1RollingUpdateStatefulSetStrategy
                {
                    Partition = strategy.Partition ?? 0,
                    MaxUnavailable = strategy.MaxUnavailable,
                },
            };

    private static V1PodSpec BuildPodSpec(EffectiveSpec spec) => new()
    {
        TerminationGracePeriodSeconds = PodDefaults.TerminationGracePeriodSeconds,

        // The counter app never talks to the API server: no token in the pod, no Service env noise.
        AutomountServiceAccountToken = false,
        EnableServiceLinks = false,
        SecurityContext = new V1PodSecurityContext
        {
            RunAsNonRoot = true,
            RunAsUser = PodDefaults.UserId,
            RunAsGroup = PodDefaults.UserId,
            FsGroup = PodDefaults.UserId,
            SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
        },
        Containers = [BuildContainer(spec)],
    };

    private static V1Container BuildContainer(EffectiveSpec spec) => new()
    {
        Name = PodDefaults.ContainerName,
        Image = spec.Image,
        ImagePullPolicy = spec.ImagePullPolicy,
        Ports = [new V1ContainerPort { Name = PodDefaults.PortName, ContainerPort = spec.Port, Protocol = "TCP" }],
        Env = BuildEnv(spec),
        VolumeMounts = [new V1VolumeMount { Name = ChildNames.DataVolume, MountPath = PodDefaults.DataMountPath }],
        LivenessProbe = BuildProbe(spec.Liveness, "/healthz"),
        ReadinessProbe = BuildProbe(spec.Readiness, "/readyz"),
        Resources = spec.Resources.ToResourceRequirements(),
        SecurityContext = new V1SecurityContext
        {
            RunAsNonRoot = true,
            AllowPrivilegeEscalation = false,
            ReadOnlyRootFilesystem = true,
            Capabilities = new V1Capabilities { Drop = ["ALL"] },
        },
    };

    private static List<V1EnvVar> BuildEnv(EffectiveSpec spec)
    {
        var env = new List<V1EnvVar>
        {
            FromField("POD_NAME", "metadata.name"),
            FromField("POD_NAMESPACE", "metadata.namespace"),
            new() { Name = "PORT", Value = spec.Port.ToString(CultureInfo.InvariantCulture) },
            new() { Name = "VISITS_FILE", Value = PodDefaults.VisitsFile },
        };

        // User variables come last so that, as in a hand-written manifest, a later duplicate wins.
        env.AddRange(spec.Env.Select(e => new V1EnvVar { Name = e.Name, Value = e.Value }));
        return env;
    }

    private static V1EnvVar FromField(string name, string fieldPath) => new()
    {
        Name = name,
        ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { ApiVersion = "v1", FieldPath = fieldPath } },
    };

    private static V1Probe? BuildProbe(EffectiveProbe probe, string path) => !probe.Enabled ? null : new V1Probe
    {
        HttpGet = new V1HTTPGetAction { Path = path, Port = IntOrString.FromString(PodDefaults.PortName), Scheme = "HTTP" },
        InitialDelaySeconds = probe.InitialDelaySeconds,
        PeriodSeconds = probe.PeriodSeconds,
        FailureThreshold = probe.FailureThreshold,
        TimeoutSeconds = PodDefaults.ProbeTimeoutSeconds,
        SuccessThreshold = 1,
    };
}
