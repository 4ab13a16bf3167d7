using System.Text.Json.Nodes;
using VisitCounter.Crds.Generation;
using VisitCounter.Kube.Serialization;

namespace VisitCounter.Crds.Tests;

public sealed class YamlManifestWriterTests
{
    [Fact]
    public void Strings_that_look_like_other_types_stay_strings()
    {
        var node = new JsonObject
        {
            ["zero"] = "0",
            ["bool"] = "true",
            ["no"] = "no",
            ["null"] = "null",
            ["empty"] = "",
            ["size"] = "1Gi",
            ["pattern"] = @"^(\+|-)?[0-9]+$",
            ["colon"] = "a: b",
            ["hash"] = "a #b",
            ["number"] = 42,
            ["flag"] = false,
            ["list"] = new JsonArray("x", 1),
            ["emptyObject"] = new JsonObject(),
            ["emptyList"] = new JsonArray(),
        };

        var yaml = YamlManifestWriter.Write(node);

        Assert.True(JsonNode.DeepEquals(node, KubernetesYaml.Load(yaml)), yaml);
    }

    [Fact]
    public void Keys_are_written_in_ordinal_order_at_every_level()
    {
        var node = JsonNode.Parse("""{"b":1,"a":{"d":1,"c":2}}""")!;

        Assert.Equal("a:\n  c: 2\n  d: 1\nb: 1\n", YamlManifestWriter.Write(node));
    }

    [Fact]
    public void Xml_summaries_become_single_line_plain_text()
    {
        var summary = System.Xml.Linq.XElement.Parse("""
            <summary>
              Uses <c>spec.replicas</c> and <see cref="P:VisitCounter.Crds.V1Alpha1.VisitCounterAppSpec.Port"/>,
              or <paramref name="x"/>.
            </summary>
            """);

        Assert.Equal("Uses spec.replicas and Port, or x.", XmlDocumentation.ToPlainText(summary));
    }
}
