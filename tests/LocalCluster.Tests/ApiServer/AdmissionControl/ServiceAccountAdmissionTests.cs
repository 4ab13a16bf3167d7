using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.AdmissionControl;
using VisitCounter.LocalCluster.ApiServer.Resources;
using Manifests = VisitCounter.LocalCluster.Tests.Workloads.Support.Manifests;

namespace VisitCounter.LocalCluster.Tests.Server.AdmissionControl;

/// <summary>The ServiceAccount plugin gives a created pod its account and its token volume, as kube-apiserver's does (pure).</summary>
public sealed class ServiceAccountAdmissionTests
{
    private const string MountPath = "/var/run/secrets/kubernetes.io/serviceaccount";

    private static JsonObject Admit(JsonObject pod, JsonObject? account = null, AdmissionOperation operation = AdmissionOperation.Create)
    {
        new ServiceAccountAdmission((_, _) => account).Admit(new AdmissionRequest(ResourceRef.Pods, "Pod", null, operation, pod, null));
        return pod;
    }

    private static JsonObject Pod() => Manifests.Pod("web-0", Manifests.CounterContainer(), claim: "data-web-0");

    private static IReadOnlyList<JsonObject> TokenVolumes(JsonObject pod) =>
        (pod["spec"]!["volumes"] as JsonArray ?? []).OfType<JsonObject>()
        .Where(v => v["name"]!.GetValue<string>().StartsWith(ServiceAccountAdmission.VolumePrefix, StringComparison.Ordinal)).ToList();

    [Fact]
    public void A_created_pod_runs_as_default_with_the_projected_token_ca_and_namespace_mounted_read_only()
    {
        var pod = Admit(Pod());

        Assert.Equal("default", pod["spec"]!["serviceAccountName"]!.GetValue<string>());
        var volume = Assert.Single(TokenVolumes(pod));
        var name = volume["name"]!.GetValue<string>();
        Assert.Matches("^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$", name);
        Assert.True(JsonNode.DeepEquals(ServiceAccountAdmission.ProjectedVolume(name), volume));
        var sources = volume["projected"]!["sources"]!.AsArray();
        Assert.Equal(3607, sources[0]!["serviceAccountToken"]!["expirationSeconds"]!.GetValue<long>());
        Assert.Equal("kube-root-ca.crt", sources[1]!["configMap"]!["name"]!.GetValue<string>());
        Assert.Equal("metadata.namespace", sources[2]!["downwardAPI"]!["items"]![0]!["fieldRef"]!["fieldPath"]!.GetValue<string>());
        var mount = pod["spec"]!["containers"]![0]!["volumeMounts"]!.AsArray().Last()!;
        Assert.Equal(name, mount["name"]!.GetValue<string>());
        Assert.Equal(MountPath, mount["mountPath"]!.GetValue<string>());
        Assert.True(mount["readOnly"]!.GetValue<bool>());
        Assert.Equal(2, pod["spec"]!["volumes"]!.AsArray().Count);   // the claim stays
    }

    [Fact]
    public void Automount_false_on_the_pod_or_its_service_account_mounts_nothing_and_the_pods_true_wins()
    {
        var optedOut = Pod();
        optedOut["spec"]!["automountServiceAccountToken"] = false;
        var accountOptedOut = new JsonObject { ["automountServiceAccountToken"] = false };
        var podOverrides = Pod();
        podOverrides["spec"]!["automountServiceAccountToken"] = true;

        Assert.Empty(TokenVolumes(Admit(optedOut)));
        Assert.Empty(TokenVolumes(Admit(Pod(), accountOptedOut)));
        Assert.Single(TokenVolumes(Admit(podOverrides, accountOptedOut)));
    }

    [Fact]
    public void A_named_account_is_kept_and_a_container_with_its_own_mount_there_is_left_alone()
    {
        var pod = Pod();
        pod["spec"]!["serviceAccountName"] = "operator";
        pod["spec"]!["containers"]![0]!["volumeMounts"]!.AsArray().Add((JsonNode)new JsonObject { ["name"] = "data", ["mountPath"] = MountPath + "/" });

        Admit(pod);

        Assert.Equal("operator", pod["spec"]!["serviceAccountName"]!.GetValue<string>());
        Assert.Empty(TokenVolumes(pod));
    }

    [Fact]
    public void Updates_and_other_kinds_are_not_touched()
    {
        var pod = Pod();
        var before = pod.DeepClone();

        Admit(pod, operation: AdmissionOperation.Update);
        var statefulSet = Manifests.StatefulSet("web", 1);
        var statefulSetBefore = statefulSet.DeepClone();
        new ServiceAccountAdmission((_, _) => null).Admit(new AdmissionRequest(ResourceRef.StatefulSets, "StatefulSet", null, AdmissionOperation.Create, statefulSet, null));

        Assert.True(JsonNode.DeepEquals(before, pod));
        Assert.True(JsonNode.DeepEquals(statefulSetBefore, statefulSet));
    }
}
