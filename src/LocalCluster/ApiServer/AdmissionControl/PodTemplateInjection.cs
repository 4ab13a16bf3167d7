using System.Text.Json.Nodes;
using VisitCounter.LocalCluster.ApiServer.Resources;

namespace VisitCounter.LocalCluster.ApiServer.AdmissionControl;

/// <summary>
/// What a policy engine (Kyverno, Gatekeeper mutation) typically does to workloads: adds a label, a toleration and an
/// <c>imagePullSecrets</c> item to the pod template of apps/v1 StatefulSets and Deployments, and to bare Pods when they
/// are created (a pod's spec is immutable afterwards). Each item is added only when absent, so the step is idempotent
/// and a writer that already sets them is left alone.
/// </summary>
public sealed class PodTemplateInjection : IMutatingAdmission
{
    private static readonly ResourceRef Deployments = new("apps", "v1", "deployments");

    /// <summary>The label key added to the pod (template) metadata.</summary>
    public string LabelKey { get; init; } = "policy.example.com/injected";

    /// <summary>The label value.</summary>
    public string LabelValue { get; init; } = "true";

    /// <summary>The toleration's key.</summary>
    public string TolerationKey { get; init; } = "example.com/dedicated";

    /// <summary>The toleration's operator (<c>Exists</c> or <c>Equal</c>).</summary>
    public string TolerationOperator { get; init; } = "Exists";

    /// <summary>The toleration's value (only with operator <c>Equal</c>).</summary>
    public string? TolerationValue { get; init; }

    /// <summary>The toleration's effect.</summary>
    public string TolerationEffect { get; init; } = "NoSchedule";

    /// <summary>The name of the image pull secret referenced.</summary>
    public string ImagePullSecret { get; init; } = "regcred";

    /// <inheritdoc />
    public void Admit(AdmissionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Subresource is not null) return;
        if (request.Resource == ResourceRef.StatefulSets || request.Resource == Deployments)
        {
            if (request.Object["spec"]?["template"] is JsonObject template) Inject(template);
        }
        else if (request.Resource == ResourceRef.Pods && request.Operation == AdmissionOperation.Create)
        {
            Inject(request.Object);
        }
    }

    /// <summary>Adds the label, toleration and pull secret to a pod or pod template (both have metadata and spec).</summary>
    private void Inject(JsonObject podOrTemplate)
    {
        var labels = Child(Child(podOrTemplate, "metadata"), "labels");
        if (!labels.ContainsKey(LabelKey)) labels[LabelKey] = LabelValue;

        var spec = Child(podOrTemplate, "spec");
        var tolerations = Items(spec, "tolerations");
        if (!tolerations.OfType<JsonObject>().Any(SameToleration))
        {
            var toleration = new JsonObject { ["key"] = TolerationKey, ["operator"] = TolerationOperator };
            if (TolerationValue is not null) toleration["value"] = TolerationValue;
            toleration["effect"] = TolerationEffect;
            tolerations.Add((JsonNode)toleration);
        }

        var pullSecrets = Items(spec, "imagePullSecrets");
        if (!pullSecrets.OfType<JsonObject>().Any(s => Text(s, "name") == ImagePullSecret))
        {
            pullSecrets.Add((JsonNode)new JsonObject { ["name"] = ImagePullSecret });
        }
    }

    private bool SameToleration(JsonObject toleration) =>
        Text(toleration, "key") == TolerationKey &&
        (Text(toleration, "operator") ?? "Equal") == TolerationOperator &&
        Text(toleration, "value") == TolerationValue &&
        Text(toleration, "effect") == TolerationEffect;

    private static string? Text(JsonObject obj, string name) => obj[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static JsonObject Child(JsonObject parent, string name)
    {
        if (parent[name] is JsonObject child) return child;
        child = new JsonObject();
        parent[name] = child;
        return child;
    }

    private static JsonArray Items(JsonObject parent, string name)
    {
        if (parent[name] is JsonArray items) return items;
        items = new JsonArray();
        parent[name] = items;
        return items;
    }
}
