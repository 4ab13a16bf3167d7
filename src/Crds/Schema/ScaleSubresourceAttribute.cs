namespace VisitCounter.Crds.Schema;

/// <summary>Serves the <c>/scale</c> subresource so <c>kubectl scale</c> and autoscalers work on the custom resource.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ScaleSubresourceAttribute(string specReplicasPath, string statusReplicasPath) : Attribute
{
    /// <summary>JSON path of the desired replicas, e.g. <c>.spec.replicas</c>.</summary>
    public string SpecReplicasPath { get; } = specReplicasPath;

    /// <summary>JSON path of the observed replicas, e.g. <c>.status.replicas</c>.</summary>
    public string StatusReplicasPath { get; } = statusReplicasPath;

    /// <summary>Optional JSON path of the serialized label selector, e.g. <c>.status.selector</c>.</summary>
    public string? LabelSelectorPath { get; init; }
}
