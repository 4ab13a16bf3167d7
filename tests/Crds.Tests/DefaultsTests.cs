using VisitCounter.Crds.Defaulting;
using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Models;

namespace VisitCounter.Crds.Tests;

public sealed class DefaultsTests
{
    private const string AppImage = "visitcounter/counter-app:1.0";

    [Fact]
    public void Empty_spec_gets_the_documented_defaults()
    {
        var effective = VisitCounterAppDefaults.Apply(new VisitCounterAppSpec(), AppImage);

        Assert.Equal(1, effective.Replicas);
        Assert.Equal(AppImage, effective.Image);
        Assert.Equal("IfNotPresent", effective.ImagePullPolicy);
        Assert.Equal(8080, effective.Port);
        Assert.Equal("OrderedReady", effective.PodManagementPolicy);
        Assert.Equal(new EffectiveUpdateStrategy("RollingUpdate", 0, null), effective.UpdateStrategy);
        Assert.Equal(0, effective.MinReadySeconds);
        Assert.Equal(ResourceQuantity.Parse("1Gi"), effective.Storage.Size);
        Assert.Null(effective.Storage.StorageClassName);
        Assert.Equal(["ReadWriteOnce"], effective.Storage.AccessModes);
        Assert.Equal("Retain", effective.Storage.WhenDeleted);
        Assert.Equal("Retain", effective.Storage.WhenScaled);
        Assert.Equal(new EffectiveService("ClusterIP", 80, null), effective.Service);
        Assert.Equal(ResourceQuantity.Parse("50m"), effective.Resources.Requests["cpu"]);
        Assert.Equal(ResourceQuantity.Parse("64Mi"), effective.Resources.Requests["memory"]);
        Assert.Equal(ResourceQuantity.Parse("128Mi"), effective.Resources.Limits["memory"]);
        Assert.False(effective.Resources.Limits.ContainsKey("cpu"));
        Assert.Empty(effective.Env);
        Assert.Equal(new EffectiveProbe(true, 0, 10, 3), effective.Liveness);
        Assert.Equal(new EffectiveProbe(true, 0, 5, 3), effective.Readiness);
        Assert.Equal(new EffectiveVisits(true, 30), effective.Visits);
        Assert.Equal(TimeSpan.FromSeconds(30), effective.Visits.Interval);
        Assert.Equal(new EffectiveRolloutRecovery(false, 300), effective.RolloutRecovery);
        Assert.Null(effective.DisruptionBudget);
    }

    [Fact]
    public void Rollout_recovery_and_disruption_budget_are_carried_as_given()
    {
        var spec = TestJson.ReadSpec("""{"rolloutRecovery":{"enabled":true,"stuckAfterSeconds":45},"disruptionBudget":{"minAvailable":"50%"}}""");

        var effective = VisitCounterAppDefaults.Apply(spec, AppImage);

        Assert.Equal(new EffectiveRolloutRecovery(true, 45), effective.RolloutRecovery);
        Assert.Equal(TimeSpan.FromSeconds(45), effective.RolloutRecovery.StuckAfter);
        Assert.Equal(new EffectiveDisruptionBudget(null, IntOrString.FromString("50%")), effective.DisruptionBudget);
    }

    [Fact]
    public void Null_spec_defaults_like_an_empty_spec()
    {
        var fromNull = VisitCounterAppDefaults.Apply(null, AppImage);
        var fromEmpty = VisitCounterAppDefaults.Apply(new VisitCounterAppSpec(), AppImage);

        Assert.Equal(fromEmpty.Replicas, fromNull.Replicas);
        Assert.Equal(fromEmpty.UpdateStrategy, fromNull.UpdateStrategy);
        Assert.Equal(fromEmpty.Storage.Size, fromNull.Storage.Size);
        Assert.Equal(fromEmpty.Liveness, fromNull.Liveness);
    }

    [Fact]
    public void Zero_is_kept_and_not_mistaken_for_unset()
    {
        var spec = TestJson.ReadSpec("""{"replicas":0,"minReadySeconds":0,"probes":{"liveness":{"enabled":false,"initialDelaySeconds":0}},"visits":{"collect":false}}""");

        var effective = VisitCounterAppDefaults.Apply(spec, AppImage);

        Assert.Equal(0, effective.Replicas);
        Assert.False(effective.Liveness.Enabled);
        Assert.False(effective.Visits.Collect);
    }

    [Fact]
    public void Every_set_field_wins_over_its_default()
    {
        var spec = TestJson.ReadSpec("""
            {"replicas":3,"image":"example.com/counter:2","imagePullPolicy":"Always","port":9090,
             "podManagementPolicy":"Parallel","updateStrategy":{"type":"RollingUpdate","partition":2,"maxUnavailable":"50%"},
             "minReadySeconds":5,
             "storage":{"size":"2Gi","storageClassName":"fast","accessModes":["ReadWriteOncePod"],"whenDeleted":"Delete","whenScaled":"Delete"},
             "service":{"type":"NodePort","port":8081,"nodePort":30080},
             "resources":{"requests":{"cpu":"100m"}},
             "env":[{"name":"LOG_LEVEL","value":"debug"},{"name":"EMPTY"}],
             "probes":{"readiness":{"periodSeconds":2}},
             "visits":{"intervalSeconds":7}}
            """);

        var effective = VisitCounterAppDefaults.Apply(spec, AppImage);

        Assert.Equal(3, effective.Replicas);
        Assert.Equal("example.com/counter:2", effective.Image);
        Assert.Equal("Always", effective.ImagePullPolicy);
        Assert.Equal(9090, effective.Port);
        Assert.Equal("Parallel", effective.PodManagementPolicy);
        Assert.Equal("RollingUpdate", effective.UpdateStrategy.Type);
        Assert.Equal(2, effective.UpdateStrategy.Partition);
        Assert.Equal("50%", effective.UpdateStrategy.MaxUnavailable?.StringValue);
        Assert.Equal(5, effective.MinReadySeconds);
        Assert.Equal(new EffectiveStorage(ResourceQuantity.Parse("2Gi"), "fast", effective.Storage.AccessModes, "Delete", "Delete"), effective.Storage);
        Assert.Equal(["ReadWriteOncePod"], effective.Storage.AccessModes);
        Assert.Equal(new EffectiveService("NodePort", 8081, 30080), effective.Service);
        Assert.Equal([new EnvVariable("LOG_LEVEL", "debug"), new EnvVariable("EMPTY", "")], effective.Env);
        Assert.Equal(new EffectiveProbe(true, 0, 2, 3), effective.Readiness);
        Assert.Equal(7, effective.Visits.IntervalSeconds);
    }

    [Fact]
    public void Given_resources_are_kept_without_mixing_in_the_defaults()
    {
        var spec = TestJson.ReadSpec("""{"resources":{"requests":{"cpu":"100m"}}}""");

        var resources = VisitCounterAppDefaults.Apply(spec, AppImage).Resources;

        Assert.Equal(ResourceQuantity.Parse("100m"), Assert.Single(resources.Requests).Value);
        Assert.Empty(resources.Limits);
        var requirements = resources.ToResourceRequirements();
        Assert.Null(requirements.Limits);
        Assert.Equal("100m", requirements.Requests!["cpu"].ToString());
    }

    [Fact]
    public void Empty_resources_object_gets_the_default_resources()
    {
        var spec = TestJson.ReadSpec("""{"resources":{}}""");

        var requirements = VisitCounterAppDefaults.Apply(spec, AppImage).Resources.ToResourceRequirements();

        Assert.Equal("50m", requirements.Requests!["cpu"].ToString());
        Assert.Equal("64Mi", requirements.Requests["memory"].ToString());
        Assert.Equal("128Mi", requirements.Limits!["memory"].ToString());
    }

    [Fact]
    public void OnDelete_strategy_carries_no_partition_or_maxUnavailable()
    {
        var spec = new VisitCounterAppSpec { UpdateStrategy = new UpdateStrategySpec { Type = "OnDelete" } };

        var strategy = VisitCounterAppDefaults.Apply(spec, AppImage).UpdateStrategy;

        Assert.Equal(new EffectiveUpdateStrategy("OnDelete", null, null), strategy);
    }

    [Fact]
    public void Empty_strings_and_empty_access_modes_mean_unset()
    {
        var spec = TestJson.ReadSpec("""{"image":"","imagePullPolicy":"","storage":{"storageClassName":"","accessModes":[]}}""");

        var effective = VisitCounterAppDefaults.Apply(spec, AppImage);

        Assert.Equal(AppImage, effective.Image);
        Assert.Equal("IfNotPresent", effective.ImagePullPolicy);
        Assert.Null(effective.Storage.StorageClassName);
        Assert.Equal(["ReadWriteOnce"], effective.Storage.AccessModes);
    }

    [Fact]
    public void Storage_size_given_as_an_integer_is_bytes()
    {
        var spec = TestJson.ReadSpec("""{"storage":{"size":1073741824}}""");

        Assert.Equal(ResourceQuantity.Parse("1Gi"), VisitCounterAppDefaults.Apply(spec, AppImage).Storage.Size);
    }

    [Fact]
    public void Storage_size_beyond_32_bits_as_a_number_is_read_as_bytes()
    {
        // The schema allows any integer here; the operator must not fail to read what the API server stored.
        var spec = TestJson.ReadSpec("""{"storage":{"size":10737418240}}""");

        Assert.Equal("10737418240", spec.Storage!.Size);
        Assert.Equal(ResourceQuantity.Parse("10Gi"), VisitCounterAppDefaults.Apply(spec, AppImage).Storage.Size);
    }

    [Fact]
    public void Apply_does_not_modify_its_input()
    {
        var spec = new VisitCounterAppSpec { Storage = new StorageSpec() };

        VisitCounterAppDefaults.Apply(spec, AppImage);

        Assert.Null(spec.Replicas);
        Assert.Null(spec.Storage.Size);
        Assert.Null(spec.Storage.AccessModes);
        Assert.Null(spec.UpdateStrategy);
    }

    [Fact]
    public void Apply_refuses_an_unparsable_size_naming_the_field()
    {
        var spec = new VisitCounterAppSpec { Storage = new StorageSpec { Size = "1Gx" } };

        var error = Assert.Throws<ArgumentException>(() => VisitCounterAppDefaults.Apply(spec, AppImage));

        Assert.Contains("spec.storage.size", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_returns_every_error_instead_of_a_spec_when_invalid()
    {
        var spec = new VisitCounterAppSpec { Replicas = -1, Port = 0 };

        var resolution = VisitCounterAppSpecResolver.Resolve(spec, AppImage);

        Assert.False(resolution.IsValid);
        Assert.Null(resolution.Spec);
        Assert.Equal(["spec.replicas", "spec.port"], resolution.Errors.Select(e => e.Field));
    }

    [Fact]
    public void Resolve_returns_the_defaulted_spec_when_valid()
    {
        var resolution = VisitCounterAppSpecResolver.Resolve(new VisitCounterAppSpec { Replicas = 2 }, AppImage);

        Assert.True(resolution.IsValid);
        Assert.Empty(resolution.Errors);
        Assert.Equal(2, resolution.Spec.Replicas);
    }
}
