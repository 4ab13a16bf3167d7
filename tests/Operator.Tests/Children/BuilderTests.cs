using VisitCounter.Crds.Defaulting;
using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Models;
using VisitCounter.Operator.Children;
using VisitCounter.Operator.Serialization;
using VisitCounter.TestSupport.OpenApi;

namespace VisitCounter.Operator.Tests.Children;

public sealed class BuilderTests
{
    private static VisitCounterApp App(Action<VisitCounterAppSpec>? configure = null)
    {
        var app = new VisitCounterApp { Metadata = new V1ObjectMeta { Name = "web", Namespace = "ns", Uid = "uid-1" } };
        configure?.Invoke(app.Spec);
        return app;
    }

    private static EffectiveSpec Resolve(VisitCounterApp app)
    {
        var resolution = VisitCounterAppSpecResolver.Resolve(app.Spec, OperatorDefaults.AppImage);
        Assert.True(resolution.IsValid, string.Join("; ", resolution.Errors));
        return resolution.Spec;
    }

    private static VisitCounterApp FullApp() => App(s =>
    {
        s.Replicas = 3;
        s.Image = "visitcounter/counter-app:0.2.0";
        s.ImagePullPolicy = "Always";
        s.Port = 9090;
        s.PodManagementPolicy = "Parallel";
        s.UpdateStrategy = new UpdateStrategySpec { Type = "RollingUpdate", Partition = 2, MaxUnavailable = IntOrString.FromString("50%") };
        s.MinReadySeconds = 5;
        s.Storage = new StorageSpec { Size = "100Mi", StorageClassName = "fast", AccessModes = ["ReadWriteOncePod"], WhenDeleted = "Delete", WhenScaled = "Delete" };
        s.Service = new ServiceSpec { Type = "NodePort", Port = 8000, NodePort = 30080 };
        s.Env = [new EnvVarSpec { Name = "GREETING", Value = "hi" }];
        s.Probes = new ProbesSpec
        {
            Liveness = new ProbeSpec { Enabled = true, InitialDelaySeconds = 3, PeriodSeconds = 7, FailureThreshold = 4 },
            Readiness = new ProbeSpec { Enabled = false },
        };
        s.Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = ResourceQuantity.Parse("100m") } };
    });

    [Fact]
    public void StatefulSet_carries_every_field_of_the_spec()
    {
        var app = FullApp();
        var sts = StatefulSetBuilder.Build(app, Resolve(app));
        var spec = sts.Spec!;

        Assert.Equal(("web", "ns"), (sts.Metadata.Name, sts.Metadata.Namespace));
        Assert.Equal(3, spec.Replicas);
        Assert.Equal("web-headless", spec.ServiceName);
        Assert.Equal("Parallel", spec.PodManagementPolicy);
        Assert.Equal("RollingUpdate", spec.UpdateStrategy!.Type);
        Assert.Equal(2, spec.UpdateStrategy.RollingUpdate!.Partition);
        Assert.Equal("50%", spec.UpdateStrategy.RollingUpdate.MaxUnavailable!.StringValue);
        Assert.Equal(5, spec.MinReadySeconds);
        Assert.Equal(("Delete", "Delete"), (spec.PersistentVolumeClaimRetentionPolicy!.WhenDeleted, spec.PersistentVolumeClaimRetentionPolicy.WhenScaled));
        Assert.Equal(AppLabels.Selector("web"), spec.Selector.MatchLabels);

        var claim = Assert.Single(spec.VolumeClaimTemplates!);
        Assert.Equal("data", claim.Metadata.Name);
        Assert.Equal(["ReadWriteOncePod"], claim.Spec!.AccessModes);
        Assert.Equal("fast", claim.Spec.StorageClassName);
        Assert.Equal(ResourceQuantity.Parse("100Mi"), claim.Spec.Resources!.Requests!["storage"]);

        var pod = spec.Template.Spec!;
        Assert.Equal(AppLabels.ForChild("web"), spec.Template.Metadata!.Labels);
        Assert.Equal((true, 10001L, 10001L), (pod.SecurityContext!.RunAsNonRoot!.Value, pod.SecurityContext.RunAsUser!.Value, pod.SecurityContext.FsGroup!.Value));
        Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile!.Type);
        Assert.Equal(10, pod.TerminationGracePeriodSeconds);

        var container = Assert.Single(pod.Containers);
        Assert.Equal("counter", container.Name);
        Assert.Equal("visitcounter/counter-app:0.2.0", container.Image);
        Assert.Equal("Always", container.ImagePullPolicy);
        var port = Assert.Single(container.Ports!);
        Assert.Equal(("http", 9090), (port.Name, port.ContainerPort));
        Assert.Equal(["POD_NAME", "POD_NAMESPACE", "PORT", "VISITS_FILE", "GREETING"], container.Env!.Select(e => e.Name));
        Assert.Equal("metadata.name", container.Env![0].ValueFrom!.FieldRef!.FieldPath);
        Assert.Equal("metadata.namespace", container.Env[1].ValueFrom!.FieldRef!.FieldPath);
        Assert.Equal("9090", container.Env[2].Value);
        Assert.Equal("/data/visits", container.Env[3].Value);
        Assert.Equal("hi", container.Env[4].Value);
        var mount = Assert.Single(container.VolumeMounts!);
        Assert.Equal(("data", "/data"), (mount.Name, mount.MountPath));
        Assert.Equal("/healthz", container.LivenessProbe!.HttpGet!.Path);
        Assert.Equal("http", container.LivenessProbe.HttpGet.Port.StringValue);
        Assert.Equal((3, 7, 4), (container.LivenessProbe.InitialDelaySeconds!.Value, container.LivenessProbe.PeriodSeconds!.Value, container.LivenessProbe.FailureThreshold!.Value));
        Assert.Null(container.ReadinessProbe);
        Assert.Equal(ResourceQuantity.Parse("100m"), container.Resources!.Requests!["cpu"]);
        Assert.False(container.SecurityContext!.AllowPrivilegeEscalation);
        Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
        Assert.Equal(["ALL"], container.SecurityContext.Capabilities!.Drop);
    }

    [Fact]
    public void Defaults_give_the_bundled_image_readiness_probe_default_resources_and_no_storage_class()
    {
        var app = App();
        var sts = StatefulSetBuilder.Build(app, Resolve(app));
        var container = sts.Spec!.Template.Spec!.Containers[0];

        Assert.Equal(OperatorDefaults.AppImage, container.Image);
        Assert.Equal("/readyz", container.ReadinessProbe!.HttpGet!.Path);
        Assert.Equal(5, container.ReadinessProbe.PeriodSeconds);
        Assert.NotNull(container.Resources!.Requests);
        Assert.NotNull(container.Resources.Limits);
        Assert.Null(sts.Spec.VolumeClaimTemplates![0].Spec!.StorageClassName);
        Assert.Equal("OrderedReady", sts.Spec.PodManagementPolicy);
        Assert.Equal(0, sts.Spec.UpdateStrategy!.RollingUpdate!.Partition);
    }

    [Fact]
    public void OnDelete_strategy_has_no_rollingUpdate_block()
    {
        var app = App(s => s.UpdateStrategy = new UpdateStrategySpec { Type = "OnDelete" });
        var sts = StatefulSetBuilder.Build(app, Resolve(app));
        Assert.Equal("OnDelete", sts.Spec!.UpdateStrategy!.Type);
        Assert.Null(sts.Spec.UpdateStrategy.RollingUpdate);
    }

    [Fact]
    public void Services_are_headless_for_dns_and_typed_for_clients()
    {
        var app = FullApp();
        var spec = Resolve(app);
        var headless = ServiceBuilder.BuildHeadless(app, spec);
        var client = ServiceBuilder.BuildClient(app, spec);

        Assert.Equal("web-headless", headless.Metadata.Name);
        Assert.Equal("None", headless.Spec!.ClusterIP);
        Assert.True(headless.Spec.PublishNotReadyAddresses);
        Assert.Equal(("http", 9090, "http"), (headless.Spec.Ports![0].Name, headless.Spec.Ports[0].Port, headless.Spec.Ports[0].TargetPort!.StringValue));

        Assert.Equal("web", client.Metadata.Name);
        Assert.Equal("NodePort", client.Spec!.Type);
        Assert.Equal((8000, "http", 30080), (client.Spec.Ports![0].Port, client.Spec.Ports[0].TargetPort!.StringValue, client.Spec.Ports[0].NodePort!.Value));
        Assert.Equal(AppLabels.Selector("web"), client.Spec.Selector);
    }

    [Fact]
    public void Every_child_has_the_labels_and_one_controller_owner_reference()
    {
        var app = FullApp();
        foreach (var child in DesiredChildren.For(app, Resolve(app)).InCreationOrder())
        {
            Assert.Equal(AppLabels.ForChild("web"), child.Metadata.Labels);
            var owner = Assert.Single(child.Metadata.OwnerReferences!);
            Assert.Equal(("visitcounter.io/v1alpha1", "VisitCounterApp", "web", "uid-1"), (owner.ApiVersion, owner.Kind, owner.Name, owner.Uid));
            Assert.True(owner.Controller);
            Assert.True(owner.BlockOwnerDeletion);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_emitted_object_validates_against_the_official_schema(bool full)
    {
        var app = full ? FullApp() : App();
        var children = DesiredChildren.For(app, Resolve(app));
        OpenApiAssert.Valid(OperatorJson.ToNode(children.HeadlessService));
        OpenApiAssert.Valid(OperatorJson.ToNode(children.ClientService));
        OpenApiAssert.Valid(OperatorJson.ToNode(children.StatefulSet));
    }

    [Theory]
    [InlineData(1, null)]
    [InlineData(null, "50%")]
    public void Disruption_budget_selects_the_app_pods_and_validates_against_the_official_schema(int? maxUnavailable, string? minAvailable)
    {
        var app = App(s => s.DisruptionBudget = new DisruptionBudgetSpec
        {
            MaxUnavailable = maxUnavailable is { } m ? IntOrString.FromInt(m) : null,
            MinAvailable = minAvailable is { } a ? IntOrString.FromString(a) : null,
        });

        var budget = DesiredChildren.For(app, Resolve(app)).DisruptionBudget!;

        Assert.Equal(("policy/v1", "PodDisruptionBudget", "web"), (budget.ApiVersion, budget.Kind, budget.Metadata.Name));
        Assert.Equal(AppLabels.Selector("web"), budget.Spec!.Selector!.MatchLabels);
        Assert.Equal(maxUnavailable, budget.Spec.MaxUnavailable?.IntValue);
        Assert.Equal(minAvailable, budget.Spec.MinAvailable?.StringValue);
        OpenApiAssert.Valid(OperatorJson.ToNode(budget));
    }

    [Fact]
    public void No_disruption_budget_without_spec_disruptionBudget()
    {
        var app = App();

        var children = DesiredChildren.For(app, Resolve(app));

        Assert.Null(children.DisruptionBudget);
        Assert.Equal(3, children.InCreationOrder().Count());
    }

    [Fact]
    public void Building_twice_gives_equal_objects()
    {
        var app = FullApp();
        var spec = Resolve(app);
        Assert.Equal(OperatorJson.ToNode(StatefulSetBuilder.Build(app, spec)).ToJsonString(), OperatorJson.ToNode(StatefulSetBuilder.Build(app, spec)).ToJsonString());
    }
}
