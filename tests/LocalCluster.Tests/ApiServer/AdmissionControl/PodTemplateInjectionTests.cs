using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.AdmissionControl;
using VisitCounter.LocalCluster.ApiServer.Resources;
using Manifests = VisitCounter.LocalCluster.Tests.Workloads.Support.Manifests;

namespace VisitCounter.LocalCluster.Tests.Server.AdmissionControl;

/// <summary>The ready-made policy step adds a label, a toleration and a pull secret once, and only where it belongs (pure).</summary>
public sealed class PodTemplateInjectionTests
{
    private static readonly ResourceRef Deployments = new("apps", "v1", "deployments");

    private static JsonObject Admit(IMutatingAdmission step, ResourceRef resource, JsonObject obj, AdmissionOperation operation = AdmissionOperation.Create,
        string? subresource = null)
    {
        step.Admit(new AdmissionRequest(resource, "Kind", subresource, operation, obj, null));
        return obj;
    }

    private static JsonObject Template(JsonObject statefulSet) => statefulSet["spec"]!["template"]!.AsObject();

    [Fact]
    public void A_statefulset_pod_template_gets_the_label_toleration_and_pull_secret()
    {
        var template = Template(Admit(new PodTemplateInjection(), ResourceRef.StatefulSets, Manifests.StatefulSet("web", 1)));

        Assert.Equal("true", template["metadata"]!["labels"]!["policy.example.com/injected"]!.GetValue<string>());
        Assert.Equal("web", template["metadata"]!["labels"]!["app"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(
            new JsonArray(new JsonObject { ["key"] = "example.com/dedicated", ["operator"] = "Exists", ["effect"] = "NoSchedule" }),
            template["spec"]!["tolerations"]));
        Assert.True(JsonNode.DeepEquals(new JsonArray(new JsonObject { ["name"] = "regcred" }), template["spec"]!["imagePullSecrets"]));
    }

    [Fact]
    public void Admitting_twice_changes_nothing_the_second_time()
    {
        var step = new PodTemplateInjection();
        var once = Admit(step, ResourceRef.StatefulSets, Manifests.StatefulSet("web", 1));

        var twice = Admit(step, ResourceRef.StatefulSets, (JsonObject)once.DeepClone(), AdmissionOperation.Update);

        Assert.True(JsonNode.DeepEquals(once, twice));
    }

    [Fact]
    public void Items_the_writer_already_set_are_left_as_they_are()
    {
        var statefulSet = Manifests.StatefulSet("web", 1);
        var template = Template(statefulSet);
        template["metadata"]!["labels"]!["policy.example.com/injected"] = "no";
        template["spec"]!["imagePullSecrets"] = new JsonArray(new JsonObject { ["name"] = "mine" }, new JsonObject { ["name"] = "regcred" });

        Admit(new PodTemplateInjection(), ResourceRef.StatefulSets, statefulSet);

        Assert.Equal("no", template["metadata"]!["labels"]!["policy.example.com/injected"]!.GetValue<string>());
        Assert.Equal(["mine", "regcred"], template["spec"]!["imagePullSecrets"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()));
        Assert.Single(template["spec"]!["tolerations"]!.AsArray());
    }

    [Fact]
    public void The_items_are_configurable()
    {
        var step = new PodTemplateInjection
        {
            LabelKey = "team",
            LabelValue = "blue",
            TolerationKey = "gpu",
            TolerationOperator = "Equal",
            TolerationValue = "a100",
            TolerationEffect = "NoExecute",
            ImagePullSecret = "mirror",
        };

        var template = Template(Admit(step, ResourceRef.StatefulSets, Manifests.StatefulSet("web", 1)));

        Assert.Equal("blue", template["metadata"]!["labels"]!["team"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(
            new JsonObject { ["key"] = "gpu", ["operator"] = "Equal", ["value"] = "a100", ["effect"] = "NoExecute" },
            template["spec"]!["tolerations"]![0]));
        Assert.Equal("mirror", template["spec"]!["imagePullSecrets"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void Deployments_are_injected_like_statefulsets()
    {
        var deployment = new JsonObject { ["spec"] = new JsonObject { ["template"] = new JsonObject { ["spec"] = new JsonObject() } } };

        Admit(new PodTemplateInjection(), Deployments, deployment);

        Assert.NotNull(deployment["spec"]!["template"]!["metadata"]!["labels"]!["policy.example.com/injected"]);
    }

    [Fact]
    public void Bare_pods_are_injected_on_create_only_because_their_spec_is_immutable()
    {
        var created = Admit(new PodTemplateInjection(), ResourceRef.Pods, Manifests.Pod("p", Manifests.CounterContainer()));
        var updated = Admit(new PodTemplateInjection(), ResourceRef.Pods, Manifests.Pod("q", Manifests.CounterContainer()), AdmissionOperation.Update);

        Assert.NotNull(created["spec"]!["imagePullSecrets"]);
        Assert.Null(updated["spec"]!["imagePullSecrets"]);
    }

    [Fact]
    public void Subresource_writes_and_other_kinds_are_left_alone()
    {
        var status = Manifests.StatefulSet("web", 1);
        var service = Manifests.Service("web", "ClusterIP", "web");

        Admit(new PodTemplateInjection(), ResourceRef.StatefulSets, status, AdmissionOperation.Update, "status");
        Admit(new PodTemplateInjection(), ResourceRef.Services, service);

        Assert.True(JsonNode.DeepEquals(Manifests.StatefulSet("web", 1), status));
        Assert.True(JsonNode.DeepEquals(Manifests.Service("web", "ClusterIP", "web"), service));
    }
}
