using System.Text.Json.Nodes;
using VisitCounter.Kube.Serialization;

namespace VisitCounter.Kube.Tests.Models;

public sealed class KubernetesYamlTests
{
    [Fact]
    public void Plain_scalars_are_typed_and_quoted_ones_stay_strings()
    {
        var node = KubernetesYaml.Load("""
            int: 42
            negative: -7
            float: 1.5
            exp: 1e3
            yes: true
            no: false
            nothing: null
            tilde: ~
            quotedNumber: "42"
            quotedBool: 'true'
            quantity: 1Gi
            cpu: 500m
            version: v1
            block: |
              line1
              line2
            text: hello world
            """)!;

        Assert.Equal(42, node["int"]!.GetValue<long>());
        Assert.Equal(-7, node["negative"]!.GetValue<long>());
        Assert.Equal(1.5, node["float"]!.GetValue<double>());
        Assert.Equal(1000, node["exp"]!.GetValue<double>());
        Assert.True(node["yes"]!.GetValue<bool>());
        Assert.False(node["no"]!.GetValue<bool>());
        Assert.Null(node["nothing"]);
        Assert.Null(node["tilde"]);
        Assert.Equal("42", node["quotedNumber"]!.GetValue<string>());
        Assert.Equal("true", node["quotedBool"]!.GetValue<string>());
        Assert.Equal("1Gi", node["quantity"]!.GetValue<string>());
        Assert.Equal("500m", node["cpu"]!.GetValue<string>());
        Assert.Equal("hello world", node["text"]!.GetValue<string>());
        Assert.Equal("line1\nline2\n", node["block"]!.GetValue<string>());
    }

    [Fact]
    public void Multi_document_streams_skip_empty_documents()
    {
        var documents = KubernetesYaml.LoadAll("""
            ---
            kind: A
            ---
            ---
            kind: B
            items: [1, 2]
            """);
        Assert.Equal(["A", "B"], documents.Select(d => d["kind"]!.GetValue<string>()));
        Assert.Equal(2, documents[1]["items"]!.AsArray().Count);
        Assert.Throws<FormatException>(() => KubernetesYaml.Load("a: 1\n---\nb: 2\n"));
    }

    [Fact]
    public void Dump_then_load_gives_back_the_same_json_including_ambiguous_strings()
    {
        var original = JsonNode.Parse("""
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x","labels":{"on":"yes"}},
             "data":{"number":"42","bool":"true","null":"null","empty":"","multi":"a\nb\n","colon":"a: b","quantity":"1Gi"},
             "n":3,"f":1.25,"b":false,"nil":null,"list":[1,"two",{"three":3}],"emptyList":[],"emptyMap":{}}
            """);

        var yaml = KubernetesYaml.Dump(original);
        var back = KubernetesYaml.Load(yaml);

        Assert.True(JsonNode.DeepEquals(original, back), yaml);
    }

    [Fact]
    public void Invalid_yaml_and_duplicate_keys_report_the_line()
    {
        var error = Assert.Throws<FormatException>(() => KubernetesYaml.Load("a: b: c\n"));
        Assert.Contains("line 1", error.Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => KubernetesYaml.Load("a: [1, 2\nb: 3"));
        var duplicate = Assert.Throws<FormatException>(() => KubernetesYaml.Load("a: 1\na: 2\n"));
        Assert.Contains("line 2", duplicate.Message, StringComparison.Ordinal);
        Assert.Contains("Duplicate", duplicate.Message, StringComparison.OrdinalIgnoreCase);
    }
}
