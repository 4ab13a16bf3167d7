namespace VisitCounter.LocalCluster.ApiServer.Resources;

/// <summary>Where the <c>scale</c> subresource finds its numbers in the object (CRD <c>subresources.scale</c>).</summary>
/// <param name="SpecReplicasPath">e.g. <c>.spec.replicas</c>.</param>
/// <param name="StatusReplicasPath">e.g. <c>.status.replicas</c>.</param>
/// <param name="LabelSelectorPath">e.g. <c>.status.selector</c>; optional.</param>
public sealed record ScaleSubresource(string SpecReplicasPath, string StatusReplicasPath, string? LabelSelectorPath);
