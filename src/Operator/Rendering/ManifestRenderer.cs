using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using VisitCounter.Crds.Defaulting;
using VisitCounter.Crds.V1Alpha1;
using VisitCounter.Kube.Serialization;
using VisitCounter.Operator.Children;
using VisitCounter.Operator.Serialization;

namespace VisitCounter.Operator.Rendering;

/// <summary>The outcome of rendering: the YAML stream of children, or the problems that prevent it.</summary>
/// <param name="Yaml">The children as a multi-document YAML stream; empty when there are errors.</param>
/// <param name="Errors">One line per problem, naming the document and the field.</param>
public sealed record RenderResult(string Yaml, IReadOnlyList<string> Errors)
{
    /// <summary>Whether every document rendered.</summary>
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// What <c>render</c> does, without a cluster (like <c>helm template</c>): VisitCounterApp YAML in, the children the
/// operator would create out, after the same defaulting and validation the controller applies.
/// </summary>
public static class ManifestRenderer
{
    /// <summary>Renders every VisitCounterApp document of <paramref name="yaml"/>. Pure.</summary>
    public static RenderResult Render(string yaml, string appImage)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        IReadOnlyList<JsonNode> documents;
        try
        {
            documents = KubernetesYaml.LoadAll(yaml);
        }
        catch (FormatException e)
        {
            return new RenderResult(string.Empty, [e.Message]);
        }

        if (documents.Count == 0)
        {
            return new RenderResult(string.Empty, ["The input holds no YAML document; pass a VisitCounterApp manifest."]);
        }

        var errors = new List<string>();
        var output = new StringBuilder();
        for (var index = 0; index < documents.Count; index++)
        {
            var app = ReadApp(documents[index], index + 1, errors);
            if (app is null)
            {
                continue;
            }

            var label = $"VisitCounterApp {app.Metadata.Namespace}/{app.Metadata.Name}";
            var resolution = VisitCounterAppSpecResolver.Resolve(app, appImage);
            if (!resolution.IsValid)
            {
                errors.AddRange(resolution.Errors.Select(e => $"{label}: {e}"));
                continue;
            }

            foreach (var child in DesiredChildren.For(app, resolution.Spec).InCreationOrder())
            {
                output.Append("---\n").Append(KubernetesYaml.Dump(ToNode(child)));
            }
        }

        return errors.Count > 0 ? new RenderResult(string.Empty, errors) : new RenderResult(output.ToString(), []);
    }

    private static VisitCounterApp? ReadApp(JsonNode document, int number, List<string> errors)
    {
        var where = $"document {number}";
        if (document is not JsonObject obj)
        {
            errors.Add($"{where}: expected a mapping (a Kubernetes object), found {document.GetValueKind()}.");
            return null;
        }

        var apiVersion = obj["apiVersion"]?.ToString();
        var kind = obj["kind"]?.ToString();
        if (kind != VisitCounterApp.KubeKind || apiVersion != VisitCounterApp.KubeGroupVersion)
        {
            errors.Add($"{where}: apiVersion/kind is {apiVersion}/{kind}; render takes only {VisitCounterApp.KubeGroupVersion}/{VisitCounterApp.KubeKind}.");
            return null;
        }

        VisitCounterApp app;
        try
        {
            app = OperatorJson.FromNode<VisitCounterApp>(obj);
        }
        catch (JsonException e)
        {
            errors.Add($"{where}: {(e.Path is null ? string.Empty : e.Path.TrimStart('$', '.') + ": ")}has the wrong type ({e.Message.Split('.')[0]}).");
            return null;
        }

        if (string.IsNullOrEmpty(app.Metadata.Name))
        {
            errors.Add($"{where}: metadata.name: Required value; give the VisitCounterApp a name.");
            return null;
        }

        app.Metadata.Namespace ??= "default";
        return app;
    }

    private static JsonObject ToNode(object child) => child switch
    {
        VisitCounter.Kube.Models.V1Service service => OperatorJson.ToNode(service),
        VisitCounter.Kube.Models.V1StatefulSet statefulSet => OperatorJson.ToNode(statefulSet),
        VisitCounter.Kube.Models.V1PodDisruptionBudget budget => OperatorJson.ToNode(budget),
        _ => throw new InvalidOperationException($"No serializer for {child.GetType().Name}."),
    };
}
