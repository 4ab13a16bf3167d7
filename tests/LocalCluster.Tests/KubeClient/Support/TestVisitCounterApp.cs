using System.Text.Json.Nodes;
using VisitCounter.Kube.Models;

namespace VisitCounter.LocalCluster.Tests.KubeClient.Support;

/// <summary>
/// A schema-less VisitCounterApp model: this test project does not reference src/Crds, and the client tests care about
/// the HTTP semantics of a CRD-defined kind, not the typed spec.
/// </summary>
[KubernetesEntity(Group = "visitcounter.io", ApiVersion = "v1alpha1", Kind = "VisitCounterApp", PluralName = "visitcounterapps")]
public sealed class TestVisitCounterApp : IKubernetesObject<V1ObjectMeta>, ISpec<JsonObject>, IStatus<JsonObject?>
{
    /// <inheritdoc />
    public string ApiVersion { get; set; } = "visitcounter.io/v1alpha1";

    /// <inheritdoc />
    public string Kind { get; set; } = "VisitCounterApp";

    /// <inheritdoc />
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <inheritdoc />
    public JsonObject Spec { get; set; } = [];

    /// <inheritdoc />
    public JsonObject? Status { get; set; }

    /// <summary><c>spec.replicas</c>.</summary>
    public int Replicas => Spec["replicas"]?.GetValue<int>() ?? throw new InvalidOperationException("spec.replicas is missing.");

    /// <summary>A minimal valid app in <paramref name="namespace"/>.</summary>
    public static TestVisitCounterApp Create(string name, string @namespace, int replicas = 1) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Namespace = @namespace },
        Spec = new JsonObject { ["replicas"] = replicas },
    };
}
