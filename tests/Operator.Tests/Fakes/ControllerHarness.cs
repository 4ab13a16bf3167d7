using Microsoft.Extensions.Logging.Abstractions;
using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Models;
using VisitCounter.Kube.Runtime.Controllers;
using VisitCounter.Operator.Children;
using VisitCounter.Operator.Controller;
using VisitCounter.Operator.Hosting;
using VisitCounter.Operator.Visits;

namespace VisitCounter.Operator.Tests.Fakes;

/// <summary>The controller wired to in-memory fakes, plus the bits of a cluster the tests need to play.</summary>
public sealed class ControllerHarness
{
    public const string Namespace = "lab";

    public ControllerHarness()
    {
        Caches = new ChildCaches(
            new FakeEntityCache<V1StatefulSet>(Client, AppLabels.CacheSelector),
            new FakeEntityCache<V1Service>(Client, AppLabels.CacheSelector),
            new FakeEntityCache<V1Pod>(Client),
            new FakeEntityCache<V1PersistentVolumeClaim>(Client),
            new FakeEntityCache<V1PodDisruptionBudget>(Client, AppLabels.CacheSelector));
        Controller = NewController();
    }

    /// <summary>
    /// The caches the controller reads instead of the API server (always in sync with <see cref="Client"/>); the children's
    /// hold only what carries the operator's labels, as the operator's label-selected informers do.
    /// </summary>
    public ChildCaches Caches { get; }

    /// <summary>The controller's clock; visits are read again only once it has moved a whole interval.</summary>
    public ManualTimeProvider Clock { get; } = new();

    /// <summary>The per-app visits readings, shared by every controller of this harness (one per operator process).</summary>
    public VisitsSchedule Schedule { get; private set; } = new();

    /// <summary>A controller as a fresh DI scope would build it, sharing the harness' caches, clock and visits schedule.</summary>
    public VisitCounterAppController NewController() =>
        new(Client, Events, Visits, Caches, Schedule, new OperatorOptions(), Clock, NullLogger<VisitCounterAppController>.Instance);

    /// <summary>What a restarted operator knows: nothing but what the cluster stores (the visits readings are gone).</summary>
    public VisitCounterAppController Restart()
    {
        Schedule = new VisitsSchedule();
        Controller = NewController();
        return Controller;
    }

    public FakeKubernetesClient Client { get; } = new();

    public FakeAppEvents Events { get; } = new();

    public FakeVisitsReader Visits { get; } = new();

    public VisitCounterAppController Controller { get; private set; }

    public static VisitCounterApp NewApp(string name = "web", Action<VisitCounterAppSpec>? configure = null)
    {
        var app = new VisitCounterApp { Metadata = new V1ObjectMeta { Name = name, Namespace = Namespace } };
        configure?.Invoke(app.Spec);
        return app;
    }

    public VisitCounterApp Apply(VisitCounterApp app) => Client.Seed(app);

    public VisitCounterApp App(string name = "web") => Client.Find<VisitCounterApp>(name, Namespace)!;

    /// <summary>Reconciles the app as the runtime would: with the current stored state.</summary>
    public Task<ReconciliationResult<VisitCounterApp>> ReconcileAsync(string name = "web") =>
        Controller.ReconcileAsync(App(name), CancellationToken.None);

    /// <summary>Edits the app's spec the way kubectl would (the generation moves).</summary>
    public void EditSpec(Action<VisitCounterAppSpec> change, string name = "web") =>
        Client.Mutate<VisitCounterApp>(name, Namespace, a =>
        {
            change(a.Spec);
            a.Metadata.Generation = (a.Metadata.Generation ?? 1) + 1;
        });

    /// <summary>Plays the StatefulSet controller and kubelet: all pods exist, are ready and on one revision.</summary>
    public void MakeStatefulSetReady(string name = "web")
    {
        var sts = Client.Find<V1StatefulSet>(name, Namespace)!;
        var replicas = sts.Spec!.Replicas ?? 1;
        Client.Mutate<V1StatefulSet>(name, Namespace, s => s.Status = new V1StatefulSetStatus
        {
            ObservedGeneration = s.Metadata.Generation,
            Replicas = replicas,
            ReadyReplicas = replicas,
            CurrentReplicas = replicas,
            UpdatedReplicas = replicas,
            AvailableReplicas = replicas,
            CurrentRevision = $"{name}-5d8c7",
            UpdateRevision = $"{name}-5d8c7",
        });
        for (var ordinal = 0; ordinal < replicas; ordinal++)
        {
            var podName = ChildNames.Pod(name, ordinal);
            if (Client.Find<V1Pod>(podName, Namespace) is null)
            {
                Client.Seed(new V1Pod
                {
                    Metadata = new V1ObjectMeta { Name = podName, Namespace = Namespace, Labels = AppLabels.ForChild(name) },
                    Status = new V1PodStatus
                    {
                        Phase = "Running",
                        PodIP = $"127.0.0.{10 + ordinal}",
                        Conditions = [new V1PodCondition { Type = "Ready", Status = "True" }],
                    },
                });
            }
        }
    }

    /// <summary>Plays the StatefulSet controller's PVC creation for the pods that exist.</summary>
    public void SeedClaims(string name, int count, string size, string? storageClass = null)
    {
        for (var ordinal = 0; ordinal < count; ordinal++)
        {
            Client.Seed(new V1PersistentVolumeClaim
            {
                Metadata = new V1ObjectMeta { Name = ChildNames.DataClaim(name, ordinal), Namespace = Namespace, Labels = AppLabels.Selector(name) },
                Spec = new V1PersistentVolumeClaimSpec
                {
                    AccessModes = ["ReadWriteOnce"],
                    StorageClassName = storageClass,
                    Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = ResourceQuantity.Parse(size) } },
                },
            });
        }
    }

    public void SeedStorageClass(string name, bool allowExpansion, bool isDefault = true) =>
        Client.Seed(new V1StorageClass
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                Annotations = isDefault ? new Dictionary<string, string> { ["storageclass.kubernetes.io/is-default-class"] = "true" } : null,
            },
            Provisioner = "visitcounter.io/local",
            AllowVolumeExpansion = allowExpansion,
        });
}
