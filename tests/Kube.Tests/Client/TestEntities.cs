using System.Text.Json.Serialization;
using VisitCounter.Kube.Models;

namespace VisitCounter.Kube.Tests.Client;

/// <summary>A custom resource defined outside src/Kube, to prove contributed resolvers work.</summary>
[KubernetesEntity(Group = "test.visitcounter.io", ApiVersion = "v1", Kind = "Widget", PluralName = "widgets")]
public sealed class Widget : CustomKubernetesEntity<WidgetSpec, WidgetStatus>;

public sealed class WidgetSpec
{
    public int Size { get; set; }
}

public sealed class WidgetStatus
{
    public string? Phase { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Widget))]
[JsonSerializable(typeof(EntityList<Widget>))]
public sealed partial class TestJsonContext : JsonSerializerContext;
