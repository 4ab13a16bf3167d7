using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Workloads.Deployments;
using VisitCounter.LocalCluster.Workloads.Objects;

namespace VisitCounter.LocalCluster.Tests.Workloads.Objects;

public sealed class SafeHashTests
{
    // FNV-1a 32 test vectors: "a" is 0xe40c292c (3826002220), "foobar" is 0xbf9cf968 (3214735720). Each decimal digit
    // is then mapped by its character code, as Go's rand.SafeEncodeString does ('0' is 48, 48 % 27 = 21: '4').
    [Theory]
    [InlineData("a", "7d6b446664")]
    [InlineData("foobar", "7658c79c64")]
    [InlineData("", "65bb57b6b5")]
    public void Hashes_with_fnv1a_and_encodes_the_decimal_digits_as_kubernetes_does(string data, string expected)
    {
        Assert.Equal(expected, SafeHash.Of(System.Text.Encoding.ASCII.GetBytes(data)));
    }

    [Fact]
    public void A_pod_template_hash_uses_only_the_safe_alphabet_and_follows_the_template()
    {
        var template = new JsonObject { ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["image"] = "app:1" }) } };
        var changed = (JsonObject)template.DeepClone();
        changed["spec"]!["containers"]![0]!["image"] = "app:2";

        var hash = PodTemplateHash.Of(template);

        Assert.Matches("^[bcdfghjklmnpqrstvwxz2456789]+$", hash);
        Assert.Equal(hash, PodTemplateHash.Of(template.DeepClone()));
        Assert.NotEqual(hash, PodTemplateHash.Of(changed));
    }
}
