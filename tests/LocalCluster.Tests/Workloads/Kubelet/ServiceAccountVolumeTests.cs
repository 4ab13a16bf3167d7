using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.Tests.Workloads.Support;
using VisitCounter.LocalCluster.Workloads.Objects;
using VisitCounter.LocalCluster.Workloads.Volumes;

namespace VisitCounter.LocalCluster.Tests.Workloads.Kubelet;

/// <summary>
/// On a cluster with authentication, a pod gets what a real node gives it: a token of its service account bound to
/// it, the cluster CA and its namespace in the admission-injected projected volume; every namespace has the
/// <c>default</c> ServiceAccount and the <c>kube-root-ca.crt</c> ConfigMap.
/// </summary>
public sealed class ServiceAccountVolumeTests
{
    private static string VolumeDirectory(TestCluster cluster, JsonObject pod)
    {
        var volume = pod["spec"]!["volumes"]!.AsArray().Single(v => v!["name"]!.GetValue<string>().StartsWith("kube-api-access-", StringComparison.Ordinal))!;
        return Path.Combine(VolumePaths.PodDirectory(cluster.DataDirectory, pod.Namespace(), pod.Name(), pod.Uid()), "volumes", volume["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_pod_gets_a_token_bound_to_it_the_cluster_ca_and_its_namespace()
    {
        await using var cluster = await TestCluster.StartAsync(https: true);
        await cluster.WaitForAsync(ResourceRef.ServiceAccounts, "default", "default", sa => sa is not null, "the default ServiceAccount");
        await cluster.Store.CreateAsync(ResourceRef.Pods, Manifests.Pod("p", Manifests.CounterContainer()));

        var pod = (await cluster.WaitForReadyPodAsync("p"))!;
        var directory = VolumeDirectory(cluster, pod);

        var user = cluster.Host.ApiServer.ServiceAccountTokens.Authenticate(await File.ReadAllTextAsync(Path.Combine(directory, "token")));
        Assert.Equal("system:serviceaccount:default:default", user?.Name);
        Assert.Equal(cluster.Host.ApiServer.CaCertificatePem, await File.ReadAllTextAsync(Path.Combine(directory, "ca.crt")));
        Assert.Equal("default", await File.ReadAllTextAsync(Path.Combine(directory, "namespace")));

        // Bound to the pod: once it is gone, its token no longer authenticates.
        var token = await File.ReadAllTextAsync(Path.Combine(directory, "token"));
        await cluster.Store.DeleteAsync(ResourceRef.Pods, "default", "p");
        await cluster.WaitForAsync(ResourceRef.Pods, "default", "p", p => p is null, "pod p to be gone");
        Assert.Null(cluster.Host.ApiServer.ServiceAccountTokens.Authenticate(token));
    }

    [Fact]
    public async Task A_pod_of_a_missing_service_account_waits_in_ContainerCreating_until_it_exists()
    {
        await using var cluster = await TestCluster.StartAsync(https: true);
        var spec = Manifests.Pod("p", Manifests.CounterContainer());
        spec["spec"]!["serviceAccountName"] = "robot";
        await cluster.Store.CreateAsync(ResourceRef.Pods, spec);

        var waiting = await cluster.WaitForAsync(ResourceRef.Pods, "default", "p",
            p => p?["status"]?["containerStatuses"]?[0]?["state"]?["waiting"]?["message"]?.GetValue<string>()?.Contains("serviceaccounts \"robot\" not found", StringComparison.Ordinal) == true,
            "the pod to wait for its service account");
        Assert.Equal("ContainerCreating", waiting!["status"]!["containerStatuses"]![0]!["state"]!["waiting"]!["reason"]!.GetValue<string>());

        await cluster.Store.CreateAsync(ResourceRef.ServiceAccounts, new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ServiceAccount",
            ["metadata"] = new JsonObject { ["name"] = "robot", ["namespace"] = "default" },
        });
        var pod = (await cluster.WaitForReadyPodAsync("p"))!;
        var user = cluster.Host.ApiServer.ServiceAccountTokens.Authenticate(await File.ReadAllTextAsync(Path.Combine(VolumeDirectory(cluster, pod), "token")));
        Assert.Equal("system:serviceaccount:default:robot", user?.Name);
    }

    [Fact]
    public async Task A_new_namespace_gets_the_default_account_and_the_root_ca_which_comes_back_when_deleted_or_edited()
    {
        await using var cluster = await TestCluster.StartAsync(https: true);
        await cluster.Store.CreateAsync(ResourceRef.Namespaces, new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Namespace",
            ["metadata"] = new JsonObject { ["name"] = "team" },
        });
        var ca = cluster.Host.ApiServer.CaCertificatePem;

        await cluster.WaitForAsync(ResourceRef.ServiceAccounts, "team", "default", sa => sa is not null, "the default ServiceAccount of team");
        var published = await cluster.WaitForAsync(ResourceRef.ConfigMaps, "team", "kube-root-ca.crt",
            cm => cm?["data"]?["ca.crt"]?.GetValue<string>() == ca, "kube-root-ca.crt in team");
        await cluster.Store.DeleteAsync(ResourceRef.ConfigMaps, "team", "kube-root-ca.crt");
        await cluster.WaitForAsync(ResourceRef.ConfigMaps, "team", "kube-root-ca.crt",
            cm => cm is not null && cm.Uid() != published!.Uid(), "kube-root-ca.crt to be published again");
        var edited = cluster.Store.Get(ResourceRef.ConfigMaps, "team", "kube-root-ca.crt")!;
        edited["data"]!["ca.crt"] = "tampered";
        await cluster.Store.UpdateAsync(ResourceRef.ConfigMaps, edited);

        await cluster.WaitForAsync(ResourceRef.ConfigMaps, "team", "kube-root-ca.crt",
            cm => cm?["data"]?["ca.crt"]?.GetValue<string>() == ca, "the edited kube-root-ca.crt to be put right");
    }
}
