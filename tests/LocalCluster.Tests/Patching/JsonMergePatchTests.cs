using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Patching;

namespace VisitCounter.LocalCluster.Tests.Patching;

public sealed class JsonMergePatchTests
{
    // The test vectors of RFC 7386, appendix A.
    [Theory]
    [InlineData("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"a":null}""", """{}""")]
    [InlineData("""{"a":"b","b":"c"}""", """{"a":null}""", """{"b":"c"}""")]
    [InlineData("""{"a":["b"]}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"c"}""", """{"a":["b"]}""", """{"a":["b"]}""")]
    [InlineData("""{"a":{"b":"c"}}""", """{"a":{"b":"d","c":null}}""", """{"a":{"b":"d"}}""")]
    [InlineData("""{"a":[{"b":"c"}]}""", """{"a":[1]}""", """{"a":[1]}""")]
    [InlineData("""["a","b"]""", """["c","d"]""", """["c","d"]""")]
    [InlineData("""{"a":"b"}""", """["c"]""", """["c"]""")]
    [InlineData("""{"a":"foo"}""", "null", "null")]
    [InlineData("""{"a":"foo"}""", "\"bar\"", "\"bar\"")]
    [InlineData("""{"e":null}""", """{"a":1}""", """{"e":null,"a":1}""")]
    [InlineData("""[1,2]""", """{"a":"b","c":null}""", """{"a":"b"}""")]
    [InlineData("""{}""", """{"a":{"bb":{"ccc":null}}}""", """{"a":{"bb":{}}}""")]
    public void Follows_the_rfc_7386_examples(string target, string patch, string expected)
    {
        var result = JsonMergePatch.Apply(JsonNode.Parse(target), JsonNode.Parse(patch));

        Assert.True(JsonNodes.ValueEquals(JsonNode.Parse(expected), result), result?.ToJsonString() ?? "null");
    }

    [Fact]
    public void Does_not_mutate_its_inputs()
    {
        var target = JsonNode.Parse("""{"spec":{"replicas":3,"message":"hi"}}""")!;
        var patch = JsonNode.Parse("""{"spec":{"message":null,"replicas":4}}""")!;

        var result = JsonMergePatch.Apply(target, patch);

        Assert.Equal("""{"spec":{"replicas":3,"message":"hi"}}""", target.ToJsonString());
        Assert.Equal("""{"spec":{"message":null,"replicas":4}}""", patch.ToJsonString());
        Assert.Equal("""{"spec":{"replicas":4}}""", result!.ToJsonString());
    }

    [Fact]
    public void Applies_kubectls_three_way_patch_from_the_contract()
    {
        var live = JsonNode.Parse("""{"metadata":{"name":"web","labels":{"app":"web"}},"spec":{"image":"nginx:1.27","message":"hello","replicas":3}}""");
        var patch = JsonNode.Parse("""{"metadata":{"labels":{"tier":"frontend"}},"spec":{"message":null,"replicas":4}}""");

        var result = JsonMergePatch.Apply(live, patch)!;

        Assert.Equal("""{"app":"web","tier":"frontend"}""", result["metadata"]!["labels"]!.ToJsonString());
        Assert.Equal("""{"image":"nginx:1.27","replicas":4}""", result["spec"]!.ToJsonString());
    }
}
