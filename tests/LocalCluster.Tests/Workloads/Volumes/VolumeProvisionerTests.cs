using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Objects;
using VisitCounter.LocalCluster.ApiServer.Resources;
using VisitCounter.LocalCluster.Tests.Workloads.Support;
using VisitCounter.LocalCluster.Workloads.Objects;
using VisitCounter.LocalCluster.Workloads.Volumes;

namespace VisitCounter.LocalCluster.Tests.Workloads.Volumes;

public sealed class VolumeProvisionerTests
{
    private static string? Capacity(JsonObject? claim) => claim?["status"]?["capacity"]?["storage"]?.GetValue<string>();

    [Fact]
    public async Task Claim_is_bound_to_a_directory_and_a_grown_request_is_granted()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.Store.CreateAsync(ResourceRef.PersistentVolumeClaims, Manifests.Claim("grow", "1Gi"));

        var bound = (await cluster.WaitForAsync(ResourceRef.PersistentVolumeClaims, "default", "grow",
            c => c?["status"]?["phase"]?.GetValue<string>() == "Bound", "the claim to be bound"))!;
        Assert.Equal("1Gi", Capacity(bound));
        Assert.Equal("pv-" + bound.Uid(), bound["spec"]!["volumeName"]!.GetValue<string>());
        Assert.True(Directory.Exists(Path.Combine(cluster.DataDirectory, "volumes", "default", "grow")));

        var patch = new JsonObject { ["spec"] = new JsonObject { ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["storage"] = "2Gi" } } } };
        await cluster.Store.PatchAsync(ResourceRef.PersistentVolumeClaims, "default", "grow", PatchType.Merge, patch);

        await cluster.WaitForAsync(ResourceRef.PersistentVolumeClaims, "default", "grow", c => Capacity(c) == "2Gi", "capacity to follow the request");
    }

    [Fact]
    public void Capacity_does_not_grow_when_the_class_forbids_expansion()
    {
        var claim = Manifests.Claim("c", "2Gi");
        claim["status"] = new JsonObject { ["capacity"] = new JsonObject { ["storage"] = "1Gi" } };

        Assert.Equal("1Gi", VolumeProvisioner.BoundStatus(claim, allowExpansion: false)["capacity"]!["storage"]!.GetValue<string>());
        Assert.Equal("2Gi", VolumeProvisioner.BoundStatus(claim, allowExpansion: true)["capacity"]!["storage"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("1Gi", 1073741824)]
    [InlineData("500M", 500000000)]
    [InlineData("1.5Ki", 1536)]
    [InlineData("100", 100)]
    public void Quantities_parse_to_bytes(string text, long bytes)
    {
        Assert.Equal(bytes, Quantity.Parse(text));
    }
}
