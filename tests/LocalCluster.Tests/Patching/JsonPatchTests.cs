using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.Patching;

namespace VisitCounter.LocalCluster.Tests.Patching;

public sealed class JsonPatchTests
{
    // Examples of RFC 6902, appendix A.
    [Theory]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/baz","value":"qux"}]""", """{"baz":"qux","foo":"bar"}""")]
    [InlineData("""{"foo":["bar","baz"]}""", """[{"op":"add","path":"/foo/1","value":"qux"}]""", """{"foo":["bar","qux","baz"]}""")]
    [InlineData("""{"baz":"qux","foo":"bar"}""", """[{"op":"remove","path":"/baz"}]""", """{"foo":"bar"}""")]
    [InlineData("""{"foo":["bar","qux","baz"]}""", """[{"op":"remove","path":"/foo/1"}]""", """{"foo":["bar","baz"]}""")]
    [InlineData("""{"baz":"qux","foo":"bar"}""", """[{"op":"replace","path":"/baz","value":"boo"}]""", """{"baz":"boo","foo":"bar"}""")]
    [InlineData("""{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}""", """[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]""", """{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}""")]
    [InlineData("""{"foo":["all","grass","cows","eat"]}""", """[{"op":"move","from":"/foo/1","path":"/foo/3"}]""", """{"foo":["all","cows","eat","grass"]}""")]
    [InlineData("""{"baz":"qux","foo":["a",2,"c"]}""", """[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}]""", """{"baz":"qux","foo":["a",2,"c"]}""")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/child","value":{"grandchild":{}}}]""", """{"foo":"bar","child":{"grandchild":{}}}""")]
    [InlineData("""{"foo":["bar"]}""", """[{"op":"add","path":"/foo/-","value":["abc","def"]}]""", """{"foo":["bar",["abc","def"]]}""")]
    [InlineData("""{"foo":null}""", """[{"op":"test","path":"/foo","value":null}]""", """{"foo":null}""")]
    [InlineData("""{"/":9,"~1":10}""", """[{"op":"test","path":"/~01","value":10}]""", """{"/":9,"~1":10}""")]
    [InlineData("""{"a":{"b":1}}""", """[{"op":"copy","from":"/a","path":"/c"}]""", """{"a":{"b":1},"c":{"b":1}}""")]
    public void Follows_the_rfc_6902_examples(string target, string operations, string expected)
    {
        var result = JsonPatch.Apply(JsonNode.Parse(target)!, (JsonArray)JsonNode.Parse(operations)!);

        Assert.True(JsonNodes.ValueEquals(JsonNode.Parse(expected), result), result.ToJsonString());
    }

    [Theory]
    [InlineData("""{"baz":"qux"}""", """[{"op":"test","path":"/baz","value":"bar"}]""", "testing value /baz failed")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/baz/bat","value":"qux"}]""", "doc is missing path")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"remove","path":"/nope"}]""", "remove operation does not apply")]
    [InlineData("""{"foo":["a"]}""", """[{"op":"replace","path":"/foo/5","value":1}]""", "replace operation does not apply")]
    [InlineData("""{"foo":1}""", """[{"op":"test","path":"/foo","value":"1"}]""", "testing value /foo failed")]
    public void Rejects_operations_that_do_not_apply(string target, string operations, string message)
    {
        var error = Assert.Throws<PatchException>(() => JsonPatch.Apply(JsonNode.Parse(target)!, (JsonArray)JsonNode.Parse(operations)!));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.False(error.IsMalformed);
    }

    [Theory]
    [InlineData("""[{"op":"frobnicate","path":"/a"}]""")]
    [InlineData("""[{"path":"/a"}]""")]
    [InlineData("""[{"op":"add","path":"a","value":1}]""")]
    [InlineData("""[{"op":"add","path":"/a"}]""")]
    [InlineData("""[42]""")]
    public void Reports_malformed_operations_as_malformed(string operations)
    {
        var error = Assert.Throws<PatchException>(() => JsonPatch.Apply(JsonNode.Parse("{}")!, (JsonArray)JsonNode.Parse(operations)!));

        Assert.True(error.IsMalformed);
    }

    [Fact]
    public void Is_atomic_a_failing_operation_leaves_the_target_untouched()
    {
        var target = JsonNode.Parse("""{"a":1}""")!;

        Assert.Throws<PatchException>(() => JsonPatch.Apply(target, (JsonArray)JsonNode.Parse("""[{"op":"replace","path":"/a","value":2},{"op":"test","path":"/a","value":3}]""")!));

        Assert.Equal("""{"a":1}""", target.ToJsonString());
    }

    [Fact]
    public void Replaces_managed_fields_and_resource_version_like_kubectls_ssa_migration()
    {
        var live = JsonNode.Parse("""{"metadata":{"name":"web","resourceVersion":"108","managedFields":[{"manager":"kubectl-client-side-apply"}]}}""")!;
        var ops = (JsonArray)JsonNode.Parse("""[{"op":"replace","path":"/metadata/managedFields","value":[{"manager":"kubectl","operation":"Apply"}]},{"op":"replace","path":"/metadata/resourceVersion","value":"109"}]""")!;

        var result = JsonPatch.Apply(live, ops);

        Assert.Equal("kubectl", result["metadata"]!["managedFields"]![0]!["manager"]!.GetValue<string>());
        Assert.Equal("109", result["metadata"]!["resourceVersion"]!.GetValue<string>());
    }
}
