using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.Tests.Server.Support;
using VisitCounter.TestSupport;

namespace VisitCounter.LocalCluster.Tests.Helm;

/// <summary>helm 4 against the local API server: releases stored as Secrets, install, list, upgrade, uninstall.</summary>
public sealed class HelmReleaseTests
{
    [Fact]
    public async Task Helm_installs_lists_upgrades_and_uninstalls_a_release_stored_in_secrets()
    {
        await using var cluster = await TestCluster.StartAsync();
        var home = Path.Combine(cluster.DataDirectory, "helm");
        var chart = Path.Combine(cluster.DataDirectory, "tiny");
        Directory.CreateDirectory(Path.Combine(chart, "templates"));
        await File.WriteAllTextAsync(Path.Combine(chart, "Chart.yaml"), "apiVersion: v2\nname: tiny\nversion: 0.1.0\n");
        await File.WriteAllTextAsync(Path.Combine(chart, "values.yaml"), "greeting: hello\n");
        await File.WriteAllTextAsync(Path.Combine(chart, "templates", "configmap.yaml"), """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {{ .Release.Name }}-settings
            data:
              greeting: {{ .Values.greeting | quote }}
            """);
        string[] kube = ["--kubeconfig", cluster.Server.KubeconfigPath, "--namespace", "default"];

        await HelmTool.SucceedAsync(home, ["install", "demo", chart, "--wait", .. kube]);
        var listed = await HelmTool.SucceedAsync(home, ["list", "-o", "json", .. kube]);
        await HelmTool.SucceedAsync(home, ["upgrade", "demo", chart, "--set", "greeting=bonjour", .. kube]);
        var upgraded = cluster.Server.Store.Get(ResourceRef.ConfigMaps, "default", "demo-settings");
        var history = await HelmTool.SucceedAsync(home, ["history", "demo", "-o", "json", .. kube]);
        var releaseSecrets = cluster.Server.Store.List(ResourceRef.Secrets, "default", "owner=helm,name=demo");
        await HelmTool.SucceedAsync(home, ["uninstall", "demo", "--wait", .. kube]);

        var release = Assert.Single(JsonNode.Parse(listed)!.AsArray());
        Assert.Equal("demo", release!["name"]!.GetValue<string>());
        Assert.Equal("deployed", release["status"]!.GetValue<string>());
        Assert.Equal("bonjour", upgraded?["data"]?["greeting"]?.GetValue<string>());
        Assert.Equal(2, JsonNode.Parse(history)!.AsArray().Count);
        Assert.Equal(["sh.helm.release.v1.demo.v1", "sh.helm.release.v1.demo.v2"], releaseSecrets.Select(s => s["metadata"]!["name"]!.GetValue<string>()).Order());
        Assert.All(releaseSecrets, s => Assert.Equal("helm.sh/release.v1", s["type"]!.GetValue<string>()));
        Assert.Null(cluster.Server.Store.Get(ResourceRef.ConfigMaps, "default", "demo-settings"));
        Assert.Empty(cluster.Server.Store.List(ResourceRef.Secrets, "default", "owner=helm"));
        Assert.Equal(0, cluster.Server.Authorization.Denied);
    }
}
