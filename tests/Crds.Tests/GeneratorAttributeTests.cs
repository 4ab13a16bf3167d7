using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using VisitCounter.Crds.Generation;
using VisitCounter.Crds.Schema;
using VisitCounter.Kube.Models;
using VisitCounter.TestSupport.OpenApi;

namespace VisitCounter.Crds.Tests;

/// <summary>The generator on a small entity that uses the attributes VisitCounterApp does not.</summary>
public sealed class GeneratorAttributeTests : IDisposable
{
    private readonly string _docsFile = Path.Combine(Path.GetTempPath(), $"crds-docs-{Guid.NewGuid():N}.xml");

    public GeneratorAttributeTests()
    {
        File.WriteAllText(_docsFile, $"""
            <?xml version="1.0"?>
            <doc>
              <members>
                <member name="T:{DocId(typeof(Widget))}"><summary>A widget, cluster-wide.</summary></member>
                <member name="T:{DocId(typeof(WidgetSpec))}"><summary>What the widget should be.</summary></member>
                <member name="P:{DocId(typeof(WidgetSpec))}.Color"><summary>Its <c>color</c>.</summary></member>
              </members>
            </doc>
            """);
    }

    public void Dispose() => File.Delete(_docsFile);

    // The compiler writes nested types with '.' where reflection uses '+'.
    private static string DocId(Type type) => type.FullName!.Replace('+', '.');

    private V1CustomResourceDefinition Generate(Type type) => CrdGenerator.Generate(type, new XmlDocumentation(_ => _docsFile));

    private V1JSONSchemaProps Spec => Generate(typeof(Widget)).Spec.Versions[0].Schema!.OpenAPIV3Schema!.Properties!["spec"];

    [Fact]
    public void Cluster_scoped_entity_without_extras_gets_plain_names_and_no_subresources()
    {
        var crd = Generate(typeof(Widget));

        Assert.Equal("widgets.example.com", crd.Metadata.Name);
        Assert.Equal("Cluster", crd.Spec.Scope);
        Assert.Null(crd.Spec.Names.ShortNames);
        Assert.Null(crd.Spec.Versions[0].Subresources);
        Assert.Null(crd.Spec.Versions[0].AdditionalPrinterColumns);
        Assert.Equal("A widget, cluster-wide.", crd.Spec.Versions[0].Schema!.OpenAPIV3Schema!.Description);
        Assert.Equal("What the widget should be.", Spec.Description);
    }

    [Fact]
    public void Attributes_map_to_their_OpenAPI_keywords()
    {
        var properties = Spec.Properties!;

        Assert.Equal("Its color.", properties["color"].Description);
        Assert.Equal(["Red", "Green"], properties["shade"].Enum!.Select(e => e!.GetValue<string>()));
        Assert.Equal((1L, 10L), (properties["label"].MinLength!.Value, properties["label"].MaxLength!.Value));
        Assert.Equal("Overridden.", properties["label"].Description);
        Assert.True(properties["extra"].XKubernetesPreserveUnknownFields);
        Assert.Equal("object", properties["extra"].Type);
        Assert.Equal(("string", "date-time"), (properties["since"].Type, properties["since"].Format));
        Assert.Equal("set", properties["tags"].XKubernetesListType);
        Assert.Equal("number", properties["ratio"].Type);
        Assert.Equal(["label"], Spec.Required!);
        Assert.False(properties.ContainsKey("hidden"));
        Assert.False(properties.ContainsKey("skipped"));
        Assert.True(properties.ContainsKey("renamed_field"));
        var parts = properties["parts"];
        Assert.Equal("object", parts.Type);
        Assert.Equal("integer", parts.AdditionalProperties!.Schema!.Properties!["count"].Type);
        Assert.True(JsonNode.DeepEquals(JsonValue.Create(0.5), properties["ratio"].Default));
    }

    [Fact]
    public void Schema_with_every_attribute_is_structural_and_a_valid_crd()
    {
        var node = TestJson.ToNode(Generate(typeof(Widget)));

        Assert.Empty(StructuralSchema.Violations(node["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!.AsObject()));
        Assert.Empty(OpenApiValidator.Load().Validate(node));
    }

    [Fact]
    public void Recursive_types_are_refused_with_the_type_named()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Generate(typeof(Loop)));

        Assert.Contains(nameof(LoopSpec), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_type_without_KubernetesEntity_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Generate(typeof(WidgetSpec)));

        Assert.Contains("[KubernetesEntity", error.Message, StringComparison.Ordinal);
    }

    [KubernetesEntity(Group = "example.com", ApiVersion = "v1", Kind = "Widget", PluralName = "widgets", Namespaced = false)]
    public sealed class Widget : CustomKubernetesEntity<WidgetSpec, WidgetStatus>;

    public sealed class WidgetSpec
    {
        public string? Color { get; set; }

        [EnumValues("Red", "Green")]
        public string? Shade { get; set; }

        [Required]
        [Length(MinLength = 1, MaxLength = 10)]
        [Description("Overridden.")]
        public string? Label { get; set; }

        [PreserveUnknownFields]
        public JsonObject? Extra { get; set; }

        public DateTimeOffset? Since { get; set; }

        [ListType("set")]
        public IList<string>? Tags { get; set; }

        [DefaultValue(0.5)]
        public double? Ratio { get; set; }

        public IDictionary<string, Part>? Parts { get; set; }

        [JsonIgnore]
        public string? Hidden { get; set; }

        [Ignore]
        public string? Skipped { get; set; }

        [JsonPropertyName("renamed_field")]
        public string? Renamed { get; set; }
    }

    public sealed class Part
    {
        public int Count { get; set; }
    }

    public sealed class WidgetStatus
    {
        public string? Message { get; set; }
    }

    [KubernetesEntity(Group = "example.com", ApiVersion = "v1", Kind = "Loop", PluralName = "loops")]
    public sealed class Loop : CustomKubernetesEntity<LoopSpec, WidgetStatus>;

    public sealed class LoopSpec
    {
        public LoopSpec? Next { get; set; }
    }
}
