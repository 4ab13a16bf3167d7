using VisitCounter.LocalCluster.Workloads.Objects;
using VisitCounter.LocalCluster.Workloads.StatefulSets;
using static VisitCounter.LocalCluster.Tests.Workloads.StatefulSets.StatefulSetFixtures;

namespace VisitCounter.LocalCluster.Tests.Workloads.StatefulSets;

public sealed class StatefulSetPodFactoryTests
{
    [Fact]
    public void Pod_gets_the_stable_identity_the_revision_label_and_its_claim()
    {
        var set = StatefulSet();
        var template = set["spec"]!["template"]!.AsObject();

        var pod = StatefulSetPodFactory.NewPod(set, template, "web-abc", 2);

        Assert.Equal("web-2", pod.Name());
        Assert.Equal("web-abc", pod.Labels()["controller-revision-hash"]);
        Assert.Equal("web-2", pod.Labels()["statefulset.kubernetes.io/pod-name"]);
        Assert.Equal("2", pod.Labels()["apps.kubernetes.io/pod-index"]);
        Assert.Equal("web", pod.Labels()["app"]);
        Assert.Equal("web-2", pod["spec"]!["hostname"]!.GetValue<string>());
        Assert.Equal("web-headless", pod["spec"]!["subdomain"]!.GetValue<string>());
        Assert.Equal("data-web-2", pod["spec"]!["volumes"]![0]!["persistentVolumeClaim"]!["claimName"]!.GetValue<string>());
        var owner = Assert.Single(pod.OwnerReferences());
        Assert.Equal(("StatefulSet", "set-uid", true), (owner.Kind, owner.Uid, owner.Controller));
    }

    [Fact]
    public void Claim_is_named_template_set_ordinal_and_carries_the_selector_labels_and_default_class()
    {
        var set = StatefulSet();
        var claimTemplate = set["spec"]!["volumeClaimTemplates"]![0]!.AsObject();

        var claim = StatefulSetPodFactory.NewClaim(set, claimTemplate, 1, "standard");

        Assert.Equal("data-web-1", claim.Name());
        Assert.Equal("web", claim.Labels()["app"]);
        Assert.Equal("standard", claim["spec"]!["storageClassName"]!.GetValue<string>());
        Assert.Equal("1Gi", claim["spec"]!["resources"]!["requests"]!["storage"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("web-0", 0)]
    [InlineData("web-12", 12)]
    [InlineData("web-", null)]
    [InlineData("web-01", null)]
    [InlineData("web-x", null)]
    [InlineData("webby-1", null)]
    [InlineData("web-1-2", null)]
    public void Ordinal_is_parsed_only_from_NAME_dash_number(string name, int? ordinal)
    {
        Assert.Equal(ordinal, StatefulSetPodFactory.OrdinalOf(name, "web"));
    }
}
