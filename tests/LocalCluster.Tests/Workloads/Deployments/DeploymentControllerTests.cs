using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.Tests.Workloads.Support;

namespace VisitCounter.LocalCluster.Tests.Workloads.Deployments;

/// <summary>Deployments end to end: ReplicaSets, pods run by the kubelet stand-in, kubectl rollout status.</summary>
public sealed class DeploymentControllerTests
{
    private static JsonObject Deployment(string image, int replicas) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = new JsonObject { ["name"] = "web", ["namespace"] = "default" },
        ["spec"] = new JsonObject
        {
            ["replicas"] = replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = "web" } },
            ["strategy"] = new JsonObject { ["rollingUpdate"] = new JsonObject { ["maxSurge"] = 1, ["maxUnavailable"] = 0 } },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = "web" } },
                ["spec"] = new JsonObject
                {
                    ["terminationGracePeriodSeconds"] = 5,
                    ["containers"] = new JsonArray(Manifests.CounterContainer(image)),
                    ["volumes"] = new JsonArray(new JsonObject { ["name"] = "data", ["emptyDir"] = new JsonObject() }),
                },
            },
        },
    };

    [Fact]
    public async Task A_deployment_rolls_out_and_a_new_image_rolls_over_to_a_new_replica_set()
    {
        await using var cluster = await TestCluster.StartAsync();
        var kubectl = new Server.Support.Kubectl(cluster.Host.KubeconfigPath, Path.Combine(cluster.DataDirectory, "kubectl-cache"));
        await cluster.Store.CreateAsync(ResourceRef.Deployments, Deployment(Manifests.CounterImage, 2));

        var first = await kubectl.RunAsync("rollout", "status", "deployment/web", "--timeout=120s");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("deployment \"web\" successfully rolled out", first.Stdout);
        var firstSet = Assert.Single(cluster.Store.List(ResourceRef.ReplicaSets, "default"));

        await kubectl.SucceedAsync("set", "image", "deployment/web", "counter=visitcounter/counter-app:0.1.1");
        var second = await kubectl.RunAsync("rollout", "status", "deployment/web", "--timeout=120s");

        Assert.True(second.ExitCode == 0, second.ToString());
        var sets = cluster.Store.List(ResourceRef.ReplicaSets, "default");
        Assert.Equal(2, sets.Count);
        var oldSet = sets.Single(s => s["metadata"]!["uid"]!.GetValue<string>() == firstSet["metadata"]!["uid"]!.GetValue<string>());
        Assert.Equal(0, oldSet["spec"]!["replicas"]!.GetValue<int>());
        var newSet = sets.Single(s => s != oldSet);
        Assert.Equal("2", newSet["metadata"]!["annotations"]!["deployment.kubernetes.io/revision"]!.GetValue<string>());
        await cluster.WaitForAsync(ResourceRef.Deployments, "default", "web", d => d?["status"]?["replicas"]?.GetValue<int>() == 2, "only the new pods to remain");
        var pods = cluster.Store.List(ResourceRef.Pods, "default").Where(p => p["metadata"]?["deletionTimestamp"] is null).ToList();
        Assert.Equal(2, pods.Count);
        Assert.All(pods, p => Assert.Equal("visitcounter/counter-app:0.1.1", p["spec"]!["containers"]![0]!["image"]!.GetValue<string>()));
        Assert.All(pods, p => Assert.StartsWith(newSet["metadata"]!["name"]!.GetValue<string>() + "-", p["metadata"]!["name"]!.GetValue<string>()));
        var deployments = await kubectl.SucceedAsync("get", "deployment", "web");
        var described = await kubectl.SucceedAsync("describe", "deployment", "web");
        Assert.Matches(@"web\s+2/2\s+2\s+2\s+", deployments);
        Assert.Contains($"NewReplicaSet:   {newSet["metadata"]!["name"]!.GetValue<string>()} (2/2 replicas created)", described);
        Assert.Matches(@"Progressing\s+True\s+NewReplicaSetAvailable", described);
    }

    [Fact]
    public async Task Scaling_a_deployment_scales_its_replica_set_and_deleting_it_removes_the_pods()
    {
        await using var cluster = await TestCluster.StartAsync();
        var kubectl = new Server.Support.Kubectl(cluster.Host.KubeconfigPath, Path.Combine(cluster.DataDirectory, "kubectl-cache"));
        await cluster.Store.CreateAsync(ResourceRef.Deployments, Deployment("nginx:1.27", 1));
        await cluster.WaitForAsync(ResourceRef.Deployments, "default", "web", d => d?["status"]?["replicas"]?.GetValue<int>() == 1, "one pod");

        await kubectl.SucceedAsync("scale", "deployment/web", "--replicas=3");
        await cluster.WaitForAsync(ResourceRef.Deployments, "default", "web", d => d?["status"]?["replicas"]?.GetValue<int>() == 3, "three pods");
        await kubectl.SucceedAsync("delete", "deployment", "web");

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && (cluster.Store.List(ResourceRef.Pods, "default").Count > 0 || cluster.Store.List(ResourceRef.ReplicaSets, "default").Count > 0))
        {
            await Task.Delay(100);
        }

        Assert.Empty(cluster.Store.List(ResourceRef.ReplicaSets, "default"));
        Assert.Empty(cluster.Store.List(ResourceRef.Pods, "default"));
    }
}
