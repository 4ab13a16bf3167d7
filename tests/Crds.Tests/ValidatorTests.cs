using VisitCounter.Crds.Validation;
using VisitCounter.Crds.V1Alpha1;

namespace VisitCounter.Crds.Tests;

public sealed class ValidatorTests
{
    public static TheoryData<string, string, string> InvalidSpecs => new()
    {
        // spec JSON, the field the error must name, a fragment of the actionable message
        { """{"replicas":-1}""", "spec.replicas", "-1 is out of range; use a value from 0 to 1000" },
        { """{"replicas":1001}""", "spec.replicas", "use a value from 0 to 1000" },
        { """{"image":"counter app:1"}""", "spec.image", "must not contain whitespace" },
        { """{"image":"counter:1 "}""", "spec.image", "must not contain whitespace" },
        { """{"imagePullPolicy":"Sometimes"}""", "spec.imagePullPolicy", "\"Sometimes\" is not supported; use one of Always, IfNotPresent, Never" },
        { """{"port":0}""", "spec.port", "use a value from 1 to 65535" },
        { """{"port":65536}""", "spec.port", "use a value from 1 to 65535" },
        { """{"podManagementPolicy":"parallel"}""", "spec.podManagementPolicy", "use one of OrderedReady, Parallel" },
        { """{"updateStrategy":{"type":"Recreate"}}""", "spec.updateStrategy.type", "use one of RollingUpdate, OnDelete" },
        { """{"updateStrategy":{"type":"OnDelete","partition":1}}""", "spec.updateStrategy.partition", "only allowed with type RollingUpdate" },
        { """{"updateStrategy":{"type":"OnDelete","maxUnavailable":1}}""", "spec.updateStrategy.maxUnavailable", "only allowed with type RollingUpdate" },
        { """{"updateStrategy":{"partition":-1}}""", "spec.updateStrategy.partition", "-1 is too small; use 0 or more" },
        { """{"updateStrategy":{"maxUnavailable":0}}""", "spec.updateStrategy.maxUnavailable", "0 is too small; use 1 or more" },
        { """{"updateStrategy":{"maxUnavailable":"lots"}}""", "spec.updateStrategy.maxUnavailable", "neither a number nor a percentage; use e.g. 1 or 25%" },
        { """{"updateStrategy":{"maxUnavailable":"150%"}}""", "spec.updateStrategy.maxUnavailable", "use a percentage from 1% to 100%" },
        { """{"minReadySeconds":-5}""", "spec.minReadySeconds", "use 0 or more" },
        { """{"storage":{"size":"1Gx"}}""", "spec.storage.size", "\"1Gx\" is not a valid quantity (use e.g. 1Gi, 500Mi)" },
        { """{"storage":{"size":"0"}}""", "spec.storage.size", "must be greater than zero" },
        { """{"storage":{"size":"-1Gi"}}""", "spec.storage.size", "must be greater than zero" },
        { """{"storage":{"size":"500m"}}""", "spec.storage.size", "not a whole number of bytes" },
        { """{"storage":{"storageClassName":"Fast SSD"}}""", "spec.storage.storageClassName", "not a valid storage class name" },
        { """{"storage":{"accessModes":["ReadWriteSometimes"]}}""", "spec.storage.accessModes[0]", "use one of ReadWriteOnce, ReadOnlyMany, ReadWriteMany, ReadWriteOncePod" },
        { """{"storage":{"accessModes":["ReadWriteOnce","ReadWriteOnce"]}}""", "spec.storage.accessModes[1]", "listed twice" },
        { """{"storage":{"whenDeleted":"Keep"}}""", "spec.storage.whenDeleted", "use one of Retain, Delete" },
        { """{"storage":{"whenScaled":"Purge"}}""", "spec.storage.whenScaled", "use one of Retain, Delete" },
        { """{"service":{"type":"ExternalName"}}""", "spec.service.type", "use one of ClusterIP, NodePort, LoadBalancer" },
        { """{"service":{"port":0}}""", "spec.service.port", "use a value from 1 to 65535" },
        { """{"service":{"type":"NodePort","nodePort":80}}""", "spec.service.nodePort", "use a value from 30000 to 32767" },
        { """{"service":{"type":"LoadBalancer","nodePort":32768}}""", "spec.service.nodePort", "use a value from 30000 to 32767" },
        { """{"service":{"type":"ClusterIP","nodePort":30080}}""", "spec.service.nodePort", "only allowed with type NodePort or LoadBalancer" },
        { """{"service":{"nodePort":30080}}""", "spec.service.nodePort", "only allowed with type NodePort or LoadBalancer" },
        { """{"resources":{"requests":{"cpu":"-100m"}}}""", "spec.resources.requests.cpu", "must not be negative" },
        { """{"resources":{"limits":{"cpus":"1"}}}""", "spec.resources.limits.cpus", "use cpu, memory, ephemeral-storage" },
        { """{"resources":{"requests":{"memory":"256Mi"},"limits":{"memory":"128Mi"}}}""", "spec.resources.requests.memory", "256Mi is greater than the limit 128Mi" },
        { """{"env":[{"value":"x"}]}""", "spec.env[0].name", "is required" },
        { """{"env":[{"name":"1ST"}]}""", "spec.env[0].name", "\"1ST\" is not a valid variable name" },
        { """{"env":[{"name":"MY VAR"}]}""", "spec.env[0].name", "not a valid variable name" },
        { """{"env":[{"name":"A"},{"name":"A"}]}""", "spec.env[1].name", "\"A\" is defined twice" },
        { """{"env":[{"name":"POD_NAME","value":"x"}]}""", "spec.env[0].name", "is set by the operator" },
        { """{"probes":{"liveness":{"periodSeconds":0}}}""", "spec.probes.liveness.periodSeconds", "use 1 or more" },
        { """{"probes":{"readiness":{"periodSeconds":-1}}}""", "spec.probes.readiness.periodSeconds", "use 1 or more" },
        { """{"probes":{"liveness":{"failureThreshold":0}}}""", "spec.probes.liveness.failureThreshold", "use 1 or more" },
        { """{"probes":{"readiness":{"initialDelaySeconds":-1}}}""", "spec.probes.readiness.initialDelaySeconds", "use 0 or more" },
        { """{"visits":{"intervalSeconds":0}}""", "spec.visits.intervalSeconds", "0 is too small; use 1 or more" },
        { """{"rolloutRecovery":{"stuckAfterSeconds":10}}""", "spec.rolloutRecovery.stuckAfterSeconds", "10 is too small; use 30 or more" },
        { """{"disruptionBudget":{"maxUnavailable":1,"minAvailable":2}}""", "spec.disruptionBudget", "keep exactly one of them, e.g. maxUnavailable: 1" },
        { """{"disruptionBudget":{}}""", "spec.disruptionBudget", "set exactly one, e.g. maxUnavailable: 1, or remove spec.disruptionBudget" },
        { """{"disruptionBudget":{"maxUnavailable":-1}}""", "spec.disruptionBudget.maxUnavailable", "-1 is too small; use 0 or more" },
        { """{"disruptionBudget":{"minAvailable":"half"}}""", "spec.disruptionBudget.minAvailable", "neither a number nor a percentage; use e.g. 1 or 25%" },
        { """{"disruptionBudget":{"minAvailable":"101%"}}""", "spec.disruptionBudget.minAvailable", "use a percentage from 0% to 100%" },
    };

    [Theory]
    [MemberData(nameof(InvalidSpecs))]
    public void Bad_value_is_reported_on_its_field_with_the_fix(string specJson, string field, string message)
    {
        var errors = VisitCounterAppValidator.Validate(TestJson.ReadSpec(specJson));

        var error = Assert.Single(errors);
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.StartsWith(field + ": ", error.ToString(), StringComparison.Ordinal);
    }

    public static TheoryData<string> ValidSpecs => new()
    {
        "{}",
        """{"replicas":0}""",
        """{"replicas":1000,"port":1,"service":{"port":65535}}""",
        """{"updateStrategy":{"type":"RollingUpdate","partition":0,"maxUnavailable":1}}""",
        """{"updateStrategy":{"maxUnavailable":"25%"}}""",
        """{"updateStrategy":{"maxUnavailable":"100%"}}""",
        """{"updateStrategy":{"type":"OnDelete"}}""",
        """{"storage":{"size":"500Mi","storageClassName":"fast-ssd.example.com","accessModes":["ReadWriteOnce","ReadOnlyMany"]}}""",
        """{"storage":{"size":"1e9"}}""",
        """{"storage":{"size":"1.5Gi"}}""",
        """{"storage":{"size":1073741824}}""",
        """{"service":{"type":"NodePort","nodePort":30000}}""",
        """{"service":{"type":"LoadBalancer","nodePort":32767}}""",
        """{"resources":{"requests":{"cpu":"100m","memory":"64Mi"},"limits":{"cpu":"1","memory":"64Mi","example.com/gpu":"1"}}}""",
        """{"env":[{"name":"LOG_LEVEL","value":"debug"},{"name":"my.var-2","value":""}]}""",
        """{"probes":{"liveness":{"enabled":false,"initialDelaySeconds":0,"periodSeconds":1,"failureThreshold":1}}}""",
        """{"visits":{"collect":false,"intervalSeconds":1}}""",
        """{"rolloutRecovery":{"enabled":true,"stuckAfterSeconds":30}}""",
        """{"disruptionBudget":{"maxUnavailable":0}}""",
        """{"disruptionBudget":{"minAvailable":"50%"}}""",
    };

    [Theory]
    [MemberData(nameof(ValidSpecs))]
    public void Valid_spec_has_no_errors(string specJson)
    {
        Assert.Empty(VisitCounterAppValidator.Validate(TestJson.ReadSpec(specJson)));
    }

    [Fact]
    public void Null_spec_is_valid()
    {
        Assert.Empty(VisitCounterAppValidator.Validate((VisitCounterAppSpec?)null));
    }

    [Fact]
    public void Every_error_is_reported_at_once_in_field_order()
    {
        var spec = TestJson.ReadSpec("""
            {"replicas":-1,"imagePullPolicy":"Sometimes","storage":{"size":"1Gx","whenDeleted":"Keep"},
             "service":{"nodePort":1},"env":[{"name":"1"}],"visits":{"intervalSeconds":0}}
            """);

        var errors = VisitCounterAppValidator.Validate(spec);

        Assert.Equal(
            ["spec.replicas", "spec.imagePullPolicy", "spec.storage.size", "spec.storage.whenDeleted", "spec.service.nodePort", "spec.env[0].name", "spec.visits.intervalSeconds"],
            errors.Select(e => e.Field));
        Assert.Equal(string.Join("; ", errors.Select(e => e.ToString())), errors.ToSummary());
    }

    [Theory]
    [InlineData("1Gi", true)]
    [InlineData("500Mi", true)]
    [InlineData("1G", true)]
    [InlineData("1e3", true)]
    [InlineData("2.5Gi", true)]
    [InlineData("1073741824", true)]
    [InlineData("1Gx", false)]
    [InlineData("Gi", false)]
    [InlineData("1 Gi", false)]
    [InlineData("1.2.3Gi", false)]
    [InlineData("1gi", false)]
    [InlineData("", false)]
    public void Storage_size_accepts_exactly_the_Kubernetes_quantity_syntax(string size, bool valid)
    {
        var spec = new VisitCounterAppSpec { Storage = new StorageSpec { Size = size } };

        var errors = VisitCounterAppValidator.Validate(spec);

        Assert.Equal(valid, errors.Count == 0);
    }

    [Fact]
    public void Samples_in_config_are_valid()
    {
        var samples = Directory.GetFiles(Path.Combine(TestSupport.RepositoryPaths.RepositoryRoot, "config", "samples"), "visitcounter_*.yaml");
        Assert.NotEmpty(samples);

        foreach (var sample in samples)
        {
            var app = TestJson.ReadApp(File.ReadAllText(sample));
            Assert.Equal(VisitCounterApp.KubeGroupVersion, app.ApiVersion);
            Assert.True(VisitCounterAppValidator.Validate(app.Spec).Count == 0, $"{sample}: {VisitCounterAppValidator.Validate(app.Spec).ToSummary()}");
        }
    }

    [Theory]
    [InlineData("web", true)]
    [InlineData("web-canary-2", true)]
    [InlineData("a234567890123456789012345678901234567890123456789012", true)]
    [InlineData("a2345678901234567890123456789012345678901234567890123", false)]
    [InlineData("1web", false)]
    [InlineData("web.v1", false)]
    [InlineData("Web", false)]
    [InlineData("web-", false)]
    public void Object_name_must_fit_the_StatefulSet_and_Service_names_it_becomes(string name, bool valid)
    {
        var app = new VisitCounterApp { Metadata = new Kube.Models.V1ObjectMeta { Name = name } };

        var errors = VisitCounterAppValidator.Validate(app);

        Assert.Equal(valid, errors.Count == 0);
        if (!valid)
        {
            Assert.Equal("metadata.name", Assert.Single(errors).Field);
            Assert.Contains("at most 52 characters", errors[0].Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validating_an_app_also_validates_its_spec()
    {
        var app = new VisitCounterApp { Metadata = new Kube.Models.V1ObjectMeta { Name = "Bad Name" }, Spec = new VisitCounterAppSpec { Replicas = -1 } };

        Assert.Equal(["metadata.name", "spec.replicas"], VisitCounterAppValidator.Validate(app).Select(e => e.Field));
    }
}
